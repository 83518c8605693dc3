using Teos.Api.Tests.Support;
using Xunit;

namespace Teos.Api.Tests;

/// <summary>Spec 3.1: routing, methods, Content-Length and Content-Type, checked before the body is read.</summary>
[Collection(DefaultTowerCollection.Name)]
public sealed class FramingTests(DefaultTower fixture)
{
    private TowerUnderTest Tower => fixture.Tower;

    [Fact]
    public async Task Ping_answers_200_with_an_empty_body()
    {
        var answer = await Tower.SendAsync(HttpMethod.Get, "/ping", body: null);

        Assert.Equal(200, answer.Status);
        Assert.Equal(string.Empty, answer.Body);
        Assert.Null(answer.ContentType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/unknown")]
    [InlineData("/Register")]
    [InlineData("/registerx")]
    [InlineData("/file.json")]
    public async Task Unknown_paths_get_405(string path)
    {
        var answer = await Tower.PostAsync(path, "{}");

        Assert.Equal(405, answer.Status);
        Assert.Equal(6, answer.ErrorCode);
    }

    [Theory]
    [InlineData("GET", "/register")]
    [InlineData("PUT", "/add_appointment")]
    [InlineData("DELETE", "/get_appointment")]
    [InlineData("GET", "/get_subscription_info")]
    [InlineData("POST", "/ping")]
    [InlineData("HEAD", "/ping")]
    public async Task A_known_path_with_the_wrong_method_gets_405(string method, string path)
    {
        var answer = await Tower.SendAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        Assert.Equal(405, answer.Status);
        if (method != "HEAD")
            Assert.Equal(6, answer.ErrorCode);
    }

    [Theory]
    [InlineData("/register/")]
    [InlineData("/register/extra/segments")]
    [InlineData("/register?query=ignored")]
    [InlineData("/register/x.json?a=b")]
    public async Task Only_the_first_path_segment_selects_the_route(string path)
    {
        var answer = await Tower.PostAsync(path, "{}");

        Assert.Equal(400, answer.Status);
        Assert.Equal(1, answer.ErrorCode);
    }

    [Fact]
    public async Task Ping_ignores_extra_segments_and_queries()
    {
        Assert.Equal(200, (await Tower.SendAsync(HttpMethod.Get, "/ping/more?x=1", body: null)).Status);
    }

    [Fact]
    public async Task A_post_without_content_length_gets_411()
    {
        var answer = await RawHttp.SendAsync(Tower.BaseAddress, "POST /register HTTP/1.1\n");

        Assert.Equal(411, answer.Status);
        Assert.Equal(6, answer.ErrorCode);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_refused_and_the_tower_keeps_serving()
    {
        ApiAnswer? answer = null;
        try
        {
            answer = await RawHttp.SendAsync(
                Tower.BaseAddress, "POST /register HTTP/1.1\nContent-Type: application/json\nContent-Length: 80\n", "{\"user_id\":", endRequest: true);
        }
        catch (IOException)
        {
            // Kestrel may drop (reset or close) a connection whose request ended early instead of answering it.
        }

        if (answer is not null)
        {
            Assert.Equal(400, answer.Status);
            Assert.Equal(6, answer.ErrorCode);
        }

        Assert.Equal(200, (await Tower.SendAsync(HttpMethod.Get, "/ping", body: null)).Status);
    }

    [Fact]
    public async Task A_chunked_post_gets_411()
    {
        var answer = await RawHttp.SendAsync(
            Tower.BaseAddress, "POST /register HTTP/1.1\nTransfer-Encoding: chunked\nContent-Type: application/json\n", "2\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(411, answer.Status);
    }

    [Theory]
    [InlineData("/register", 87)]
    [InlineData("/add_appointment", 2048)]
    [InlineData("/get_appointment", 178)]
    [InlineData("/get_subscription_info", 127)]
    public async Task Bodies_over_the_route_limit_get_413_and_at_the_limit_are_read(string path, int limit)
    {
        var atLimit = await Tower.PostAsync(path, PaddedObject(limit));
        var over = await Tower.PostAsync(path, PaddedObject(limit + 1));

        Assert.Equal(400, atLimit.Status);
        Assert.Equal(1, atLimit.ErrorCode);
        Assert.Equal(413, over.Status);
        Assert.Equal(6, over.ErrorCode);
    }

    [Fact]
    public async Task The_limit_is_checked_on_the_header_before_the_body_is_read()
    {
        // The declared length is over the limit and no body follows: the answer cannot wait for it.
        var answer = await RawHttp.SendAsync(Tower.BaseAddress, "POST /register HTTP/1.1\nContent-Length: 100000\n");

        Assert.Equal(413, answer.Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/jsonx")]
    public async Task Other_content_types_get_415(string contentType)
    {
        var answer = await Tower.PostAsync("/register", "{}", contentType);

        Assert.Equal(415, answer.Status);
        Assert.Equal(6, answer.ErrorCode);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task Json_content_types_with_parameters_are_accepted(string contentType)
    {
        var answer = await Tower.PostAsync("/register", "{}", contentType);

        Assert.Equal(1, answer.ErrorCode);
    }

    [Fact]
    public async Task A_body_without_content_type_is_parsed_as_json()
    {
        var answer = await RawHttp.SendAsync(Tower.BaseAddress, "POST /register HTTP/1.1\nContent-Length: 2\n", "{}");

        Assert.Equal(400, answer.Status);
        Assert.Equal(1, answer.ErrorCode);
    }

    [Fact]
    public async Task Errors_are_compact_json_with_error_then_error_code()
    {
        var answer = await Tower.PostAsync("/register", "{}");

        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("""{"error":"missing field `user_id`","error_code":1}""", answer.Body);
    }

    [Theory]
    [InlineData("\u00ff\u00fe")]
    [InlineData("{\"user_id\": \"\\ud800\"}")]
    [InlineData("{\"user_id\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    [InlineData("{\"x\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public async Task Odd_bodies_never_get_a_500(string body)
    {
        var answer = await Tower.PostAsync("/add_appointment", body);

        Assert.Equal(400, answer.Status);
    }

    /// <summary>An object of exactly <paramref name="length"/> bytes with no known field.</summary>
    private static string PaddedObject(int length) => "{\"pad\":\"" + new string('x', length - 10) + "\"}";
}
