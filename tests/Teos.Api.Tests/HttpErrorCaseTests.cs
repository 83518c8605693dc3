using System.Text.Json;
using Teos.Api.Tests.Support;
using Teos.TestSupport;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>Every vectors.json#http_error_cases entry, sent over HTTP to a tower that implements spec section 9.</summary>
[Collection(DefaultTowerCollection.Name)]
public sealed class HttpErrorCaseTests(DefaultTower fixture)
{
    public static IEnumerable<object[]> Cases => SpecVectors.Rows("http_error_cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answers_each_vector_case_with_its_status_and_code(VectorRow row)
    {
        var entry = row.Entry;
        var answer = await fixture.Tower.PostAsync(row.Str("path"), row.Str("body"));

        if (entry.TryGetProperty("section_9_status", out var section9))
        {
            Assert.Equal(section9.GetInt32(), answer.Status);
            if (entry.GetProperty("section_9_error_code").ValueKind == JsonValueKind.Null)
                Assert.Equal("application/json", answer.ContentType);
            return;
        }

        Assert.Equal((int)row.Num("status"), answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal((int)row.Num("error_code"), answer.ErrorCode);
        Assert.Contains(row.Str("error_contains"), answer.Error);
    }
}
