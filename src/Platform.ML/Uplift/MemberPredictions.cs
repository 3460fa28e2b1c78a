using Platform.Domain.Decisions;

namespace Platform.ML.Uplift;

/// <summary>
/// Each ensemble member's predictions for a set of rows under one design ([member][row]): the chance to convert without
/// and with the offer, the expected order value of a conversion on each side, and the chance to participate if offered.
/// </summary>
public sealed record MemberPredictions(float[][] Control, float[][] Treated, float[][] ControlValue, float[][] TreatedValue, float[][] Participation)
{
    public int Members => Control.Length;

    /// <summary>Zeroed predictions for <paramref name="members"/> members and <paramref name="rows"/> rows, to fill.</summary>
    public static MemberPredictions Empty(int members, int rows)
    {
        float[][] New() => Enumerable.Range(0, members).Select(_ => new float[rows]).ToArray();
        return new MemberPredictions(New(), New(), New(), New(), New());
    }

    public int Rows => Control.Length == 0 ? 0 : Control[0].Length;

    /// <summary>The ensemble mean of a member quantity for one row.</summary>
    public static double Mean(float[][] perMember, int row) => perMember.Average(m => (double)m[row]);

    public double Uplift(int row) => Enumerable.Range(0, Members).Average(m => (double)Treated[m][row] - Control[m][row]);

    /// <summary>Expected revenue in the window without (arm false) or with the offer, per member.</summary>
    public double Revenue(int member, int row, bool treated) =>
        treated ? Treated[member][row] * TreatedValue[member][row] : Control[member][row] * ControlValue[member][row];

    /// <summary>Each member's prediction for one row.</summary>
    public IReadOnlyList<ResponsePrediction> Responses(int row)
    {
        var responses = new ResponsePrediction[Members];
        for (var m = 0; m < Members; m++)
        {
            responses[m] = new ResponsePrediction(Control[m][row], Treated[m][row], ControlValue[m][row], TreatedValue[m][row], Participation[m][row]);
        }

        return responses;
    }

    public double RevenueUplift(int row) => Enumerable.Range(0, Members).Average(m => Revenue(m, row, true) - Revenue(m, row, false));
}
