namespace Platform.Domain.Imports;

/// <summary>Which side of an experiment a customer was on: a treatment arm (by index into the mapping's arms) or control.</summary>
public readonly record struct ExperimentArm(int? TreatmentIndex)
{
    public static ExperimentArm Control => new(null);

    public bool IsControl => TreatmentIndex is null;
}
