using GraphQL.Builders;
using GraphQL.Types;
using Platform.Domain.Auth;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Api.Authorization;

/// <summary>
/// Who may select a field. Root fields must declare it (a schema test checks); nested fields may add
/// further restrictions. Undeclared nested fields are open to whoever reached their parent.
/// </summary>
public static class FieldAccess
{
    private const string RolesKey = "platform.roles";
    private const string SystemKey = "platform.systemOnly";

    public static FieldBuilder<TSource, TReturn> Roles<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params Role[] roles)
    {
        field.FieldType.Metadata[RolesKey] = roles;
        return field;
    }

    public static FieldBuilder<TSource, TReturn> SystemKeyOnly<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.Metadata[SystemKey] = true;
        return field;
    }

    public static bool IsDeclared(FieldType field) => field.HasMetadata(RolesKey) || field.HasMetadata(SystemKey);

    public static bool Allows(FieldType field, Caller caller)
    {
        if (field.GetMetadata<bool>(SystemKey, defaultValue: false))
        {
            return caller.IsSystem;
        }

        var roles = field.GetMetadata<Role[]?>(RolesKey, defaultValue: null);
        if (roles is null)
        {
            return true;
        }

        return !caller.IsSystem && caller.Role is { } role && roles.Contains(role);
    }

    public static string Describe(FieldType field) =>
        field.GetMetadata<bool>(SystemKey, defaultValue: false)
            ? "the system key"
            : string.Join(" or ", field.GetMetadata<Role[]?>(RolesKey, defaultValue: null)?.Select(RoleNames.ToWire) ?? []);
}
