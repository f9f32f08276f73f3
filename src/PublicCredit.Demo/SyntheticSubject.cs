using PublicCredit.Identifiers;

namespace PublicCredit.Demo;

/// <summary>
/// A made-up credit subject of a <see cref="SyntheticDataSet"/>: an organisation with a valid USCC, a legal
/// representative and an address, or an individual with a valid resident ID number. Synthetic: the identifiers are
/// random, so they match real ones only by chance, but a generated name can coincide with a real one.
/// </summary>
public sealed class SyntheticSubject
{
    internal SyntheticSubject(
        SubjectId id, string name, string? legalRepresentative, string? address, Division division, Sector sector, Industry? industry)
    {
        Sector = sector;
        Industry = industry;
        Id = id;
        Name = name;
        LegalRepresentative = legalRepresentative;
        Address = address;
        Division = division;
    }

    public SubjectId Id { get; }

    public SubjectKind Kind => Id.Kind;

    /// <summary>杭州云栖科技有限公司, 杭州市西湖区老王面馆, or a person's name.</summary>
    public string Name { get; }

    /// <summary>法定代表人 (or 经营者 of an individual business) for organisations; null for individuals.</summary>
    public string? LegalRepresentative { get; }

    /// <summary>Registered address (province, city, district, street, number) of an organisation; null for individuals.</summary>
    public string? Address { get; }

    /// <summary>The 6-digit administrative division code in the identifier.</summary>
    public string DivisionCode => Division.Code;

    internal Division Division { get; }

    internal Sector Sector { get; }

    /// <summary>The industry of an enterprise (from its name); null for individual businesses, cooperatives and people.</summary>
    internal Industry? Industry { get; }

    /// <summary>The name, never the identifier: a resident ID must not end up in a log line (ADR 0002).</summary>
    public override string ToString() => Name;
}
