namespace Zowor.Portal.Domain.Capa;

/// <summary>The six fishbone (Ishikawa) categories.</summary>
public enum FishboneCategory
{
    /// <summary>People.</summary>
    People,
    /// <summary>Process.</summary>
    Process,
    /// <summary>Product and materials.</summary>
    ProductMaterials,
    /// <summary>Equipment and systems.</summary>
    EquipmentSystems,
    /// <summary>Environment.</summary>
    Environment,
    /// <summary>Measurement.</summary>
    Measurement,
}
