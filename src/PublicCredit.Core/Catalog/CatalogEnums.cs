using PublicCredit.Text;

namespace PublicCredit.Catalog;

/// <summary>Who a department is; non-government bodies may not designate lists nor implement mandatory measures (the NDRC 2020 draft opinions §(9)).</summary>
public enum DepartmentKind
{
    [Code("government")]
    Government,
    [Code("court")]
    Court,
    [Code("non-government")]
    NonGovernment,
}

public enum Polarity
{
    [Code("negative")]
    Negative,
    [Code("neutral")]
    Neutral,
    [Code("positive")]
    Positive,
}

/// <summary>
/// What kind of information a category carries. The last four are never public credit information in the
/// default catalog (docs/domain.md#the-national-catalog; the NDRC 2020 draft opinions §(14)); a category declaring one is rejected (<c>category-forbidden</c>).
/// </summary>
public enum DataClass
{
    [Code("legal-status")]
    LegalStatus,
    [Code("legal-decision")]
    LegalDecision,
    [Code("list-designation")]
    ListDesignation,
    [Code("contract")]
    Contract,
    [Code("commitment")]
    Commitment,
    [Code("evaluation")]
    Evaluation,
    [Code("honour")]
    Honour,
    [Code("voluntary")]
    Voluntary,
    [Code("political")]
    Political,
    [Code("religious")]
    Religious,
    [Code("health")]
    Health,
    [Code("biometric")]
    Biometric,
}

/// <summary>Grades of negative information (docs/domain.md#publicity-periods).</summary>
public enum NegativeGrade
{
    [Code("minor")]
    Minor,
    [Code("general")]
    General,
    [Code("serious")]
    Serious,
}

/// <summary>Black lists lead to disciplinary measures, red lists to incentives (docs/domain.md#lists).</summary>
public enum ListKind
{
    [Code("black")]
    Black,
    [Code("red")]
    Red,
}

public enum MeasureKind
{
    [Code("disciplinary")]
    Disciplinary,
    [Code("incentive")]
    Incentive,
}

/// <summary>
/// The ordered severity scale of measures, used for proportionality (the NDRC 2020 draft opinions §(10)):
/// <c>Notice &lt; Management &lt; Restriction</c> — the three classes of the 2021 national list (docs/domain.md#measures) read
/// from least to most intrusive. An incentive takes the class of the disciplinary measure it mirrors.
/// </summary>
public enum MeasureSeverity
{
    /// <summary>Publication, reminders, warnings: only information changes hands.</summary>
    [Code("notice")]
    Notice = 1,

    /// <summary>How an authority handles the subject: inspections, simplified procedures, commendations.</summary>
    [Code("management")]
    Management = 2,

    /// <summary>Rights or resources: procurement, market access, funds, consumption, travel.</summary>
    [Code("restriction")]
    Restriction = 3,
}

/// <summary>GF〔2016〕33 §(20): mandatory measures must be applied by law; recommended ones may be.</summary>
public enum Binding
{
    [Code("mandatory")]
    Mandatory,
    [Code("recommended")]
    Recommended,
}

/// <summary>What ends a designation before its term without a restoration application.</summary>
public enum RemovalTrigger
{
    /// <summary>The obligation was performed (judgment defaulters, docs/domain.md#lists).</summary>
    [Code("obligation-performed")]
    ObligationPerformed,

    /// <summary>The cause of listing was corrected (abnormal operations, docs/domain.md#lists).</summary>
    [Code("cause-corrected")]
    CauseCorrected,
}
