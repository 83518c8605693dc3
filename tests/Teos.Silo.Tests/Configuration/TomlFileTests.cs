using Teos.Silo.Configuration;
using Xunit;

namespace Teos.Silo.Tests.Configuration;

public class TomlFileTests
{
    [Fact]
    public void Reads_the_flat_key_value_file_rust_teos_writes()
    {
        const string file = """
            # teosd config
            api_bind = "0.0.0.0"
            api_port = 9_814
            btc_network = "regtest" # inline comment
            debug = true
            polling_delta = 0.5
            btc_rpc_password = "has # hash"
            """;

        var values = TomlFile.Parse(file, "teos.toml");

        Assert.Equal("0.0.0.0", values["api_bind"]);
        Assert.Equal("9814", values["api_port"]);
        Assert.Equal("regtest", values["btc_network"]);
        Assert.Equal("true", values["debug"]);
        Assert.Equal("0.5", values["polling_delta"]);
        Assert.Equal("has # hash", values["btc_rpc_password"]);
    }

    [Theory]
    [InlineData("[section]")]
    [InlineData("btc_network = regtest")]
    [InlineData("= 3")]
    public void Refuses_what_is_not_a_teosd_setting_with_the_line_number(string line)
    {
        var error = Assert.Throws<FormatException>(() => TomlFile.Parse("debug = true\n" + line, "teos.toml"));

        Assert.StartsWith("teos.toml:2:", error.Message, StringComparison.Ordinal);
    }
}
