namespace PublicCredit.Demo;

/// <summary>
/// What a subject does, so that records fit it: a builder gets construction permits and a grocer food licences,
/// not the other way round. A flag set, so a <see cref="Scenario"/> can name the sectors it applies to.
/// </summary>
[Flags]
internal enum Sector
{
    None = 0,

    /// <summary>An individual (natural person).</summary>
    Person = 1 << 0,

    /// <summary>An individual business (个体工商户): a shop, stall or small restaurant.</summary>
    Shop = 1 << 1,

    /// <summary>Farmers' cooperatives and agricultural companies.</summary>
    Farming = 1 << 2,

    /// <summary>Food production and catering.</summary>
    Food = 1 << 3,

    /// <summary>Trading and retail companies.</summary>
    Trade = 1 << 4,

    /// <summary>Factories: they need production licences and pollutant discharge permits.</summary>
    Manufacturing = 1 << 5,

    /// <summary>Builders and developers: construction permits, qualifications, site safety.</summary>
    Construction = 1 << 6,

    /// <summary>Technology, media, property management, logistics and other services.</summary>
    Services = 1 << 7,

    Enterprises = Farming | Food | Trade | Manufacturing | Construction | Services,
    Organisations = Shop | Enterprises,
    Everyone = Person | Organisations,
}
