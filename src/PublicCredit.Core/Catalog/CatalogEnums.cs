namespace PublicCredit.Catalog;

/// <summary>Who a department is; non-government bodies may not designate lists nor implement mandatory measures (the NDRC 2020 draft opinions §(9)).</summary>
public enum DepartmentKind
{
    Government,
    Court,
    NonGovernment,
}

public enum Polarity
{
    Negative,
    Neutral,
    Positive,
}

/// <summary>
/// What kind of information a category carries. The last four are never public credit information in the
/// default catalog (docs/domain.md#the-national-catalog; the NDRC 2020 draft opinions §(14)); a category declaring one is rejected (<c>category-forbidden</c>).
/// </summary>
public enum DataClass
{
    LegalStatus,
    LegalDecision,
    ListDesignation,
    Contract,
    Commitment,
    Evaluation,
    Honour,
    Voluntary,
    Political,
    Religious,
    Health,
    Biometric,
}

/// <summary>Grades of negative information (docs/domain.md#publicity-periods).</summary>
public enum NegativeGrade
{
    Minor,
    General,
    Serious,
}

/// <summary>Black lists lead to disciplinary measures, red lists to incentives (docs/domain.md#lists).</summary>
public enum ListKind
{
    Black,
    Red,
}

public enum MeasureKind
{
    Disciplinary,
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
    Notice = 1,

    /// <summary>How an authority handles the subject: inspections, simplified procedures, commendations.</summary>
    Management = 2,

    /// <summary>Rights or resources: procurement, market access, funds, consumption, travel.</summary>
    Restriction = 3,
}

/// <summary>GF〔2016〕33 §(20): mandatory measures must be applied by law; recommended ones may be.</summary>
public enum Binding
{
    Mandatory,
    Recommended,
}

/// <summary>What ends a designation before its term without a restoration application.</summary>
public enum RemovalTrigger
{
    /// <summary>The obligation was performed (judgment defaulters, docs/domain.md#lists).</summary>
    ObligationPerformed,

    /// <summary>The cause of listing was corrected (abnormal operations, docs/domain.md#lists).</summary>
    CauseCorrected,
}
