using Platform.Domain.Modeling;
using Platform.ML.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Platform.ML.Uplift;

/// <summary>
/// The treatment-conditioned response network (docs/models.md#uplift). A user trunk turns the user vector into a
/// representation computed once per user; a base head reads it with the campaign's context and predicts the control
/// side (conversion logit, log order value), plus a level of each campaign's own (its season, its audience, what else
/// was going on: what the features cannot tell); an effect head reads it, the user vector itself, the context and the offer
/// and predicts what the offer adds on the treated side (conversion logit change, log order value change) and the chance
/// of participating; a linear path from the user and the design straight to the effect learns what each design does on
/// average, and for whom, quickly ("wide and deep"). The effect head sees the raw user vector because the trunk learns
/// what predicts buying, which is not always what predicts responding to an offer. A cross path adds, for the offer's
/// channel, a linear function of the user (<see cref="Cross"/>). Each campaign also has an effect offset of its own
/// (<see cref="CampaignEffects"/>), set after training so that its treated side matches what its treated did.
/// Treated outcomes are the base plus the effect, so the offer can only act through the treatment; a design that never
/// ran is scored by the effect head, on the base levels of the campaigns like it (<see cref="DesignNeighbours"/>:
/// which campaigns those are depends on the design, so its control side does too).
/// </summary>
public sealed class UpliftNetwork : Module<Tensor, Tensor, Tensor, Tensor, UpliftOutputs>
{
    private readonly Sequential trunk;
    private readonly Sequential baseHead;
    private readonly Linear baseWide;
    private readonly Sequential effectHead;
    private readonly Linear effectWide;
    private readonly Linear? effectCross;
    private readonly Embedding campaignBase;

    /// <param name="campaigns">How many campaigns the training rows came from; index <paramref name="campaigns"/> is the average campaign's level.</param>
    /// <param name="cross">With the cross path (<see cref="Cross"/>); models saved before it had none.</param>
    /// <param name="campaignEffects">With the campaigns' effect offsets (<see cref="CampaignEffects"/>); models saved before them had none.</param>
    public UpliftNetwork(int userWidth, int contextWidth, int offerWidth, int width, int campaigns, bool cross = true, bool campaignEffects = true)
        : base(nameof(UpliftNetwork))
    {
        Campaigns = campaigns;
        ContextWidth = contextWidth;
        RepresentationWidth = Math.Max(8, width / 2);
        trunk = Sequential(Linear(userWidth, width), ReLU(), Linear(width, RepresentationWidth), ReLU());
        baseHead = Sequential(Linear(RepresentationWidth + contextWidth, 32), ReLU(), Linear(32, 2));
        baseWide = Linear(userWidth + contextWidth, 2);
        effectHead = Sequential(Linear(userWidth + RepresentationWidth + contextWidth + offerWidth, 32), ReLU(), Linear(32, 3));
        effectWide = Linear(userWidth + contextWidth + offerWidth, 3);
        effectCross = cross ? Linear(userWidth, 3 * DesignEncoder.ChannelWidth, hasBias: false) : null;
        LevelWidth = campaignEffects ? 3 : 2;
        campaignBase = Embedding(campaigns + 1, LevelWidth);
        using (no_grad())
        {
            campaignBase.weight!.zero_();
            effectCross?.weight!.zero_();
            // The deep heads start silent: training first fits the wide (linear) paths, then lets the deep ones add what they can.
            foreach (var head in new[] { baseHead, effectHead })
            {
                var last = (Linear)head.children().Last();
                last.weight!.zero_();
                last.bias!.zero_();
            }
        }

        RegisterComponents();
    }

    public int RepresentationWidth { get; }

    /// <summary>
    /// Whether the effect has its cross path: for each channel column of the offer (<see cref="DesignEncoder.ChannelStart"/>),
    /// a linear function of the user vector added to the effect, so that its linear part differs by user for each channel
    /// (who answers email, who the app). The wide path alone adds a channel's change to every user alike, which left the
    /// choice between channels to the deep head (docs/models.md#quality).
    /// </summary>
    public bool Cross => effectCross is not null;

    public int ContextWidth { get; }

    /// <summary>
    /// Whether each campaign's level has a third column, an offset of its own to the effect's conversion logit. The effect
    /// head credits what the treated did to the offer's design, which campaigns share: a campaign whose design the head
    /// fits less well (a 20%-off arm predicted like its 10% sibling plus a little) kept that shortfall in every forecast of
    /// it. The offsets are fitted after training (<see cref="SetCampaignEffects"/>); a design that never ran borrows those
    /// of the campaigns like it, as it borrows their levels (docs/models.md#uplift).
    /// </summary>
    public bool CampaignEffects => LevelWidth == 3;

    /// <summary>The columns of a campaign's level: control conversion logit, control log order value and, with <see cref="CampaignEffects"/>, the effect offset.</summary>
    public int LevelWidth { get; }

    /// <summary>The campaigns of the training rows; <c>Campaigns</c> as an index is the average campaign's level.</summary>
    public int Campaigns { get; }

    /// <summary>
    /// Starts the control side at the data's levels instead of 50%: the overall control conversion logit as the base head's
    /// bias and each campaign's smoothed difference from it as its level, so training spends its steps on who responds.
    /// </summary>
    public void StartAt(double controlLogit, IReadOnlyList<double> campaignLevels)
    {
        using var noGrad = no_grad();
        using var control = tensor((float)controlLogit); // held: an implicit float-to-tensor temporary could be finalized mid-call
        baseWide.bias![0] = control;
        for (var c = 0; c < campaignLevels.Count; c++)
        {
            using var level = tensor((float)campaignLevels[c]);
            campaignBase.weight![c, 0] = level;
        }
    }

    /// <summary>
    /// Sets the average campaign's level: the row-weighted mean of the campaigns' control offsets, which a design that
    /// never ran borrows as far as it is unlike every campaign (<see cref="DesignNeighbours"/>).
    /// </summary>
    public void SetNewDesignOffset(IReadOnlyList<int> rowsPerCampaign)
    {
        using var noGrad = no_grad();
        var weights = tensor(rowsPerCampaign.Select(n => (float)n).ToArray(), device: campaignBase.weight!.device).unsqueeze(1);
        var learned = campaignBase.weight!.narrow(0, 0, Campaigns);
        campaignBase.weight![Campaigns] = (learned * weights).sum(0) / weights.sum().clamp_min(Scalars.One);
    }

    /// <summary>Sets each learned campaign's effect offset (<see cref="CampaignEffects"/>); the average's follows from <see cref="SetNewDesignOffset"/>.</summary>
    public void SetCampaignEffects(IReadOnlyList<double> offsets)
    {
        if (!CampaignEffects || offsets.Count != Campaigns)
        {
            throw new ArgumentException($"Expected {Campaigns} campaign effect offsets for a network with them.", nameof(offsets));
        }

        using var noGrad = no_grad();
        for (var c = 0; c < offsets.Count; c++)
        {
            using var offset = tensor((float)offsets[c]);
            campaignBase.weight![c, 2] = offset;
        }
    }

    public Tensor Represent(Tensor user) => trunk.forward(user);

    /// <summary>Control-side outputs from representations: [rows, 2] = conversion logit, log order value; each row adds its campaign's level.</summary>
    public Tensor Base(Tensor user, Tensor representation, Tensor context, Tensor level) =>
        Scalars.Sum(baseHead.forward(cat([representation, context], 1)), baseWide.forward(cat([user, context], 1)), level.narrow(1, 0, 2));

    /// <summary>Each row's campaign level [rows, <see cref="LevelWidth"/>]: the part of <see cref="Base"/> (and of the effect) that is the campaign's own.</summary>
    public Tensor Level(Tensor campaign) => campaignBase.forward(campaign);

    /// <summary>Levels mixed by weights over the campaigns and the average ([rows, campaigns + 1]; see <see cref="DesignNeighbours"/>).</summary>
    public Tensor MixLevels(Tensor weights) => weights.matmul(campaignBase.weight!);

    /// <summary>The linear paths and the campaign levels: what the first stage of training fits (a convex start).</summary>
    public IEnumerable<Parameter> WideParameters() =>
        baseWide.parameters().Concat(effectWide.parameters()).Concat(effectCross?.parameters() ?? []).Concat(campaignBase.parameters());

    /// <summary>Effect outputs from representations: [rows, 3] = conversion logit change, log order value change, participation logit.</summary>
    public Tensor Effect(Tensor user, Tensor representation, Tensor context, Tensor offer) =>
        WithCross(Scalars.Sum(effectHead.forward(cat([user, representation, context, offer], 1)), effectWide.forward(cat([user, context, offer], 1))), CrossOfUsers(user), offer);

    /// <summary>The linear paths and campaign levels alone: what <see cref="Forward"/> gives while the deep heads are still silent, at a fraction of the cost.</summary>
    public UpliftOutputs ForwardWide(Tensor user, Tensor context, Tensor offer, Tensor level) =>
        new(
            Scalars.Sum(baseWide.forward(cat([user, context], 1)), level.narrow(1, 0, 2)),
            WithCampaignEffect(WithCross(effectWide.forward(cat([user, context, offer], 1)), CrossOfUsers(user), offer), level));

    // effect + the level's effect offset on the conversion logit, where the level has one (training passes the first two
    // columns alone: the offsets are fitted after it); rows of either broadcast to the other's.
    private static Tensor WithCampaignEffect(Tensor effect, Tensor level)
    {
        if (level.shape[1] < 3)
        {
            return effect;
        }

        var offset = level.narrow(1, 2, 1);
        return Scalars.Sum(effect, cat([offset, zeros_like(offset), zeros_like(offset)], 1));
    }

    // The cross path's part of the users alone: [rows, channel columns × 3]; null without the path.
    private Tensor? CrossOfUsers(Tensor user) => effectCross?.forward(user);

    // effect + the users' cross parts read by the offers' channel columns; rows of either broadcast to the other's.
    private static Tensor WithCross(Tensor effect, Tensor? usersCross, Tensor offer) =>
        usersCross is null
            ? effect
            : effect + (usersCross.view(-1, DesignEncoder.ChannelWidth, 3) * offer.narrow(1, DesignEncoder.ChannelStart, DesignEncoder.ChannelWidth).unsqueeze(2)).sum(1);

    /// <summary>
    /// What the heads' first layers and the wide paths make of the user alone (raw vector and representation): the same
    /// under every design, so computed once and shared by <see cref="ForDesign"/>. A linear layer over [user, rest] is its
    /// user columns applied to the user plus its other columns applied to the rest, so nothing changes but the cost.
    /// </summary>
    public UserParts ForUsers(Tensor user)
    {
        var representation = Represent(user);
        var (baseFirst, effectFirst) = (First(baseHead), First(effectHead));
        var (userWidth, representationWidth) = (user.shape[1], representation.shape[1]);
        return new UserParts(
            Columns(baseFirst, 0, representation),
            Columns(baseWide, 0, user),
            Scalars.Sum(Columns(effectFirst, 0, user), Columns(effectFirst, userWidth, representation)),
            Columns(effectWide, 0, user),
            CrossOfUsers(user),
            userWidth,
            representationWidth);
    }

    /// <summary>
    /// The outputs under designs from the users' shared parts: equal to <see cref="forward"/>. Rows of one side broadcast
    /// to the other's (one user, many designs; or many users, one design). With <paramref name="match"/> ([rows, 1]), the
    /// offer's last column (the category match) is taken from it instead, so the rest of the offer can be one row.
    /// </summary>
    public UpliftOutputs ForDesign(UserParts parts, Tensor context, Tensor offer, Tensor level, Tensor? match = null)
    {
        var (baseFirst, effectFirst) = (First(baseHead), First(effectHead));
        var contextWidth = context.shape[1];
        var baseHidden = Scalars.Sum(parts.Base, Columns(baseFirst, parts.RepresentationWidth, context), baseFirst.bias!).relu();
        var @base = Scalars.Sum(Last(baseHead).forward(baseHidden), parts.BaseWide, Columns(baseWide, parts.UserWidth, context), baseWide.bias!, level.narrow(1, 0, 2));
        var (effectOffer, wideOffer) = (parts.UserWidth + parts.RepresentationWidth + contextWidth, parts.UserWidth + contextWidth);
        var effectDesign = Scalars.Sum(Columns(effectFirst, effectOffer - contextWidth, context), Columns(effectFirst, effectOffer, offer), effectFirst.bias!);
        var wideDesign = Scalars.Sum(Columns(effectWide, parts.UserWidth, context), Columns(effectWide, wideOffer, offer), effectWide.bias!);
        if (match is not null)
        {
            var matchColumn = offer.shape[1] - 1;
            effectDesign = Scalars.Sum(effectDesign, Columns(effectFirst, effectOffer + matchColumn, match));
            wideDesign = Scalars.Sum(wideDesign, Columns(effectWide, wideOffer + matchColumn, match));
        }

        var effect = WithCross(Scalars.Sum(Last(effectHead).forward(Scalars.Sum(parts.Effect, effectDesign).relu()), parts.EffectWide, wideDesign), parts.EffectCross, offer);
        return new UpliftOutputs(@base, WithCampaignEffect(effect, level));
    }

    // The layer's columns [start, start + input width) applied to the input, without the bias.
    private static Tensor Columns(Linear layer, long start, Tensor input) =>
        functional.linear(input, layer.weight!.narrow(1, start, input.shape[1]).contiguous());

    public override UpliftOutputs forward(Tensor user, Tensor context, Tensor offer, Tensor campaign) => Forward(user, context, offer, Level(campaign));

    /// <summary>As <see cref="forward"/>, with each row's level given ([rows, <see cref="LevelWidth"/>]) instead of its campaign.</summary>
    public UpliftOutputs Forward(Tensor user, Tensor context, Tensor offer, Tensor level)
    {
        var representation = Represent(user);
        return new UpliftOutputs(Base(user, representation, context, level), WithCampaignEffect(Effect(user, representation, context, offer), level));
    }

    /// <summary>This member's weights as arrays, for scoring a few rows without tensors (<see cref="UpliftMemberArrays"/>).</summary>
    public UpliftMemberArrays ToArrays()
    {
        using var scope = NewDisposeScope();
        var trunkLayers = trunk.children().OfType<Linear>().ToList();
        return new UpliftMemberArrays(
            Dense.Of(trunkLayers[0]), Dense.Of(trunkLayers[1]), Dense.Of(First(baseHead)), Dense.Of(Last(baseHead)), Dense.Of(baseWide),
            Dense.Of(First(effectHead)), Dense.Of(Last(effectHead)), Dense.Of(effectWide), effectCross is null ? null : Dense.Of(effectCross),
            campaignBase.weight!.cpu().contiguous().data<float>().ToArray(), LevelWidth, ContextWidth);
    }

    private static Linear First(Sequential head) => head.children().OfType<Linear>().First();

    private static Linear Last(Sequential head) => head.children().OfType<Linear>().Last();
}

/// <summary>
/// A batch of users' design-independent parts of the network (<see cref="UpliftNetwork.ForUsers"/>): the base head's
/// first layer on the representation, the base wide path on the user, the effect head's first layer on the user and the
/// representation, the effect wide path on the user, the cross path on the user (null without it); none with its bias.
/// </summary>
public sealed record UserParts(Tensor Base, Tensor BaseWide, Tensor Effect, Tensor EffectWide, Tensor? EffectCross, long UserWidth, long RepresentationWidth);
