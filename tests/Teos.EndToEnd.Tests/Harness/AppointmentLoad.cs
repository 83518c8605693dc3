using System.Collections.Concurrent;
using System.Net;
using Teos.Protocol.Appointments;

namespace Teos.EndToEnd.Tests.Harness;

/// <summary>
/// A bounded client load on a cluster, as a client behind a load balancer sees it: each user sends fresh
/// appointments one after the other, each through the next silo in rotation that is in service. An attempt that
/// gets no answer (connection refused or cut, timeout) or a 503 is sent again through another silo, as a TEOS client
/// retries: the same appointment sent again is an update of itself and takes no second slot. An appointment is given
/// up after <see cref="MaxAttempts"/> attempts; its fate is then unknown to the client (stored or not).
/// </summary>
public sealed class AppointmentLoad
{
    public const int MaxAttempts = 5;

    /// <summary>Per attempt, so a request stuck on a stopping silo cannot hold the load for the client's 60 s.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    private readonly IReadOnlyList<TowerUser> _users;
    private readonly IReadOnlyList<Uri> _silos;
    private readonly bool[] _inService;
    private readonly int _perUser;
    private readonly TimeSpan _pause;
    private readonly ConcurrentQueue<Sent> _sent = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentQueue<string> _unavailable = new();
    private int _rotation;
    private int _unanswered;

    /// <param name="perUser">At most this many appointments per user.</param>
    /// <param name="pause">Between one user's appointments.</param>
    public AppointmentLoad(IReadOnlyList<TowerUser> users, IReadOnlyList<Uri> silos, int perUser, TimeSpan pause)
    {
        _users = users;
        _silos = silos;
        _inService = [.. silos.Select(_ => true)];
        _perUser = perUser;
        _pause = pause;
    }

    /// <summary>A label stamped on each acknowledgement (e.g. which silo was restarting when it came).</summary>
    public int Phase { get; set; }

    /// <summary>Every appointment sent so far, acknowledged or given up.</summary>
    public IReadOnlyList<Sent> Appointments => [.. _sent];

    /// <summary>Answers that are neither 200 nor an outage (a 500, a 400): none is expected.</summary>
    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    /// <summary>Attempts that got no HTTP answer (connection refused or cut, timeout).</summary>
    public int Unanswered => _unanswered;

    /// <summary>The bodies of the answers 503, one per attempt.</summary>
    public IReadOnlyList<string> Unavailable => [.. _unavailable];

    /// <summary>The load balancer stops sending new requests to the silo at <paramref name="index"/> (in-flight ones go on).</summary>
    public void TakeOutOfService(int index) => Volatile.Write(ref _inService[index], false);

    public void PutInService(int index) => Volatile.Write(ref _inService[index], true);

    /// <summary>Runs every user's sender until <paramref name="stop"/> or each sent its share; an appointment in flight is finished first.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(_users.Select(user => Task.Run(() => SendAllAsync(user, stop))));

    private async Task SendAllAsync(TowerUser user, CancellationToken stop)
    {
        var viaSilo = _silos.Select(silo => user.Via(silo, AttemptTimeout)).ToList();
        for (var n = 0; n < _perUser && !stop.IsCancellationRequested; n++)
        {
            var channel = Channel.Revoked();
            var (acked, attempts, phase) = (false, 0, -1);
            var last = -1;
            while (!acked && attempts < MaxAttempts)
            {
                last = NextSilo(avoid: last);
                attempts++;
                var outcome = await TryAsync(viaSilo[last], channel);
                acked = outcome == HttpStatusCode.OK;
                if (acked)
                    phase = Phase;
                else if (outcome is null or HttpStatusCode.ServiceUnavailable)
                    await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
                else
                    break;
            }

            _sent.Enqueue(new Sent(user, channel, user.LocatorOf(channel.Dispute), acked, phase, attempts));
            await Task.Delay(_pause, CancellationToken.None);
        }
    }

    /// <summary>The answer's status, or null when there was none.</summary>
    private async Task<HttpStatusCode?> TryAsync(TowerUser user, Channel channel)
    {
        TowerResponse answer;
        try
        {
            answer = await user.AddAppointmentAsync(channel.Dispute, channel.Penalty);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _unanswered);
            return null;
        }

        if (answer.Status == HttpStatusCode.ServiceUnavailable)
            _unavailable.Enqueue(answer.Body);
        else if (answer.Status != HttpStatusCode.OK)
            _unexpected.Enqueue($"{user.Tower}: {answer}");
        return answer.Status;
    }

    /// <summary>The next silo in rotation that is in service, other than <paramref name="avoid"/> when another is.</summary>
    private int NextSilo(int avoid)
    {
        for (var tried = 0; tried < 2 * _silos.Count; tried++)
        {
            var index = (int)((uint)Interlocked.Increment(ref _rotation) % (uint)_silos.Count);
            if (Volatile.Read(ref _inService[index]) && (index != avoid || tried >= _silos.Count))
                return index;
        }

        return (avoid + 1) % _silos.Count;
    }

    /// <param name="Acknowledged">Answered 200 on some attempt.</param>
    /// <param name="Phase">The load's <see cref="Phase"/> when acknowledged; -1 if never.</param>
    public sealed record Sent(TowerUser User, Channel Channel, Locator Locator, bool Acknowledged, int Phase, int Attempts);
}
