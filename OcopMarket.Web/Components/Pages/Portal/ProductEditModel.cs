using System.ComponentModel.DataAnnotations;
using OcopMarket.Core.Portal;
using OcopMarket.Core.Reference.Domain;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Portal;

/// <summary>The product form as the producer fills it in; messages come from <see cref="ValidationText"/>.</summary>
public sealed class ProductEditModel
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(300, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.TextLength))]
    [Display(Name = nameof(PortalText.FieldName), ResourceType = typeof(PortalText))]
    public string Name { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [Display(Name = nameof(PortalText.FieldGroup), ResourceType = typeof(PortalText))]
    public OcopGroup? Group { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [Display(Name = nameof(PortalText.FieldSet), ResourceType = typeof(PortalText))]
    public string? ProductSetCode { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(60, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.TextLength))]
    [Display(Name = nameof(PortalText.FieldUnit), ResourceType = typeof(PortalText))]
    public string Unit { get; set; } = "";

    [Range(1, 1_000_000_000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.PricePositive))]
    [Display(Name = nameof(PortalText.FieldPrice), ResourceType = typeof(PortalText))]
    public long PriceVnd { get; set; }

    [Range(0, 1_000_000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StockNotNegative))]
    [Display(Name = nameof(PortalText.FieldStock), ResourceType = typeof(PortalText))]
    public int Stock { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(4000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.TextLength))]
    [Display(Name = nameof(PortalText.FieldDescription), ResourceType = typeof(PortalText))]
    public string Description { get; set; } = "";

    public ProductForm ToForm() => new(Name, Group!.Value, ProductSetCode!, Unit, PriceVnd, Stock, Description);

    public static ProductEditModel From(ProductForm f) => new()
    {
        Name = f.Name, Group = f.Group, ProductSetCode = f.ProductSetCode, Unit = f.Unit, PriceVnd = f.PriceVnd,
        Stock = f.Stock, Description = f.Description,
    };
}

/// <summary>Field names of the portal forms, in the visitor's language.</summary>
public static class PortalText
{
    public static string FieldName => Lang.T("tên sản phẩm", "the product name");
    public static string FieldGroup => Lang.T("nhóm sản phẩm", "the product group");
    public static string FieldSet => Lang.T("bộ sản phẩm", "the product set");
    public static string FieldUnit => Lang.T("đơn vị bán", "the selling unit");
    public static string FieldPrice => Lang.T("Giá", "The price");
    public static string FieldStock => Lang.T("Tồn kho", "Stock");
    public static string FieldDescription => Lang.T("mô tả", "a description");
}
