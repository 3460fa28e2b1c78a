using Platform.Domain.Campaigns;

namespace Platform.Domain.Measurement;

/// <summary>What an always-valid interval says about a lift.</summary>
public enum Significance
{
    /// <summary>The interval lies above zero: the campaign raises the outcome.</summary>
    Positive,

    /// <summary>Below zero: it lowers it.</summary>
    Negative,

    /// <summary>The interval contains zero: not known yet.</summary>
    NotSignificant,

    /// <summary>Too few users for an interval (see the reason).</summary>
    NotEnoughData,
}

public static class SignificanceOf
{
    public static Significance Interval(Estimate? interval) => interval switch
    {
        null => Significance.NotEnoughData,
        { Low: > 0 } => Significance.Positive,
        { High: < 0 } => Significance.Negative,
        _ => Significance.NotSignificant,
    };
}
