using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>The primary key of a <see cref="RepeatCustomerRollup"/> row.</summary>
public readonly record struct RepeatCustomerKey(string Category, int Channel, string Product, int Prior, int Span, int Day, int PriorDay);
