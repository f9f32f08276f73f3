using System.Linq.Expressions;

namespace PublicCredit.Rules;

/// <summary>
/// Binds the trailing parameters of a rule written once as an expression (<c>(row, instant) =&gt; …</c>) to values, giving
/// the query predicate <c>row =&gt; …</c>. The values are read through a captured object, so EF sends them as query
/// parameters (one cached plan for every instant or day) rather than constants. The rules that use it keep the same
/// expression, compiled once, for rows in memory (docs/design.md#how-the-code-should-feel).
/// </summary>
public static class BoundRule
{
    public static Expression<Func<TRow, bool>> Bind<TRow, T1>(Expression<Func<TRow, T1, bool>> rule, T1 value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Lambda<TRow>(rule.Body, rule.Parameters[0], (rule.Parameters[1], Captured(value)));
    }

    public static Expression<Func<TRow, bool>> Bind<TRow, T1, T2>(Expression<Func<TRow, T1, T2, bool>> rule, T1 first, T2 second)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Lambda<TRow>(rule.Body, rule.Parameters[0], (rule.Parameters[1], Captured(first)), (rule.Parameters[2], Captured(second)));
    }

    private static Expression<Func<TRow, bool>> Lambda<TRow>(
        Expression body, ParameterExpression row, params (ParameterExpression Parameter, Expression By)[] replacements) =>
        Expression.Lambda<Func<TRow, bool>>(new Replace(replacements).Visit(body), row);

    private static MemberExpression Captured<T>(T value) =>
        Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));

    private sealed record Holder<T>(T Value);

    private sealed class Replace((ParameterExpression Parameter, Expression By)[] replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            foreach (var (parameter, by) in replacements)
            {
                if (node == parameter)
                {
                    return by;
                }
            }

            return base.VisitParameter(node);
        }
    }
}
