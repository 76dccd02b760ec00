namespace Zowor.Portal.Domain.Capa;

/// <summary>The six fishbone (Ishikawa) categories.</summary>
public enum FishboneCategory
{
    /// <summary>
    /// The Ishikawa "man": skills, training, staffing. Stored by name as part of a note's key, so members are never
    /// renamed.
    /// </summary>
    People,
    /// <summary>The Ishikawa "method": procedures, policies, hand-offs.</summary>
    Process,
    /// <summary>The Ishikawa "material": the product itself and what it is made from.</summary>
    ProductMaterials,
    /// <summary>The Ishikawa "machine": tools, equipment and IT systems.</summary>
    EquipmentSystems,
    /// <summary>
    /// The Ishikawa "mother nature": conditions around the work, such as the site, season or workload.
    /// </summary>
    Environment,
    /// <summary>The Ishikawa "measurement": how the problem is measured, inspected or reported.</summary>
    Measurement,
}
