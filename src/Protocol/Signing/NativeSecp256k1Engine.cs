using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Teos.Protocol.Signing;

/// <summary>
/// libsecp256k1 (Debian package libsecp256k1-1), loaded at run time and called through unmanaged function
/// pointers: no marshalling, no delegates, no allocation per call. One context serves all threads: the calls
/// used here only read it.
/// </summary>
public sealed unsafe class NativeSecp256k1Engine : ISecp256k1Engine, IDisposable
{
    private static readonly string[] LibraryNames = ["libsecp256k1.so.1", "libsecp256k1.so", "secp256k1"];

    // secp256k1.h flag values.
    private const uint ContextNone = 1;
    private const uint ContextSignVerify = 1 | (1 << 8) | (1 << 9);
    private const uint EcCompressed = 258;

    // Opaque structure sizes from secp256k1.h / secp256k1_recovery.h.
    private const int PubkeyStructSize = 64;
    private const int RecoverableSignatureStructSize = 65;

    private readonly nint _library;
    private nint _context;

    private readonly delegate* unmanaged[Cdecl]<nint, void> _contextDestroy;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, int> _seckeyVerify;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int> _pubkeyCreate;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int> _pubkeyParse;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int> _pubkeySerialize;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nint, nint, int> _signRecoverable;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, int*, byte*, int> _serializeCompact;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, int> _parseCompact;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int> _recover;

    private NativeSecp256k1Engine(nint library)
    {
        _library = library;
        _contextDestroy = (delegate* unmanaged[Cdecl]<nint, void>)Export("secp256k1_context_destroy");
        _seckeyVerify = (delegate* unmanaged[Cdecl]<nint, byte*, int>)Export("secp256k1_ec_seckey_verify");
        _pubkeyCreate = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int>)Export("secp256k1_ec_pubkey_create");
        _pubkeyParse = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nuint, int>)Export("secp256k1_ec_pubkey_parse");
        _pubkeySerialize = (delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int>)Export("secp256k1_ec_pubkey_serialize");
        _signRecoverable = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, nint, nint, int>)Export("secp256k1_ecdsa_sign_recoverable");
        _serializeCompact = (delegate* unmanaged[Cdecl]<nint, byte*, int*, byte*, int>)Export("secp256k1_ecdsa_recoverable_signature_serialize_compact");
        _parseCompact = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, int>)Export("secp256k1_ecdsa_recoverable_signature_parse_compact");
        _recover = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int>)Export("secp256k1_ecdsa_recover");

        var create = (delegate* unmanaged[Cdecl]<uint, nint>)Export("secp256k1_context_create");
        var setIllegal = (delegate* unmanaged[Cdecl]<nint, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, void>)
            Export("secp256k1_context_set_illegal_callback");

        // Since 0.2.0 (marked by secp256k1_context_static) every context can sign and verify and the SIGN/VERIFY
        // flags are deprecated; older libraries need them to precompute their tables.
        var modern = NativeLibrary.TryGetExport(library, "secp256k1_context_static", out _);
        _context = create(modern ? ContextNone : ContextSignVerify);
        if (_context == 0)
            throw new InvalidOperationException("secp256k1_context_create failed");

        // The default illegal-argument callback aborts the process; arguments are checked before every call,
        // and this makes a missed check a failed call instead of a crash.
        setIllegal(_context, &IgnoreIllegalArgument, null);

        // Blinding against side channels while signing with the tower key; does not change any output.
        if (NativeLibrary.TryGetExport(library, "secp256k1_context_randomize", out var randomizeExport))
        {
            var randomize = (delegate* unmanaged[Cdecl]<nint, byte*, int>)randomizeExport;
            Span<byte> seed = stackalloc byte[32];
            RandomNumberGenerator.Fill(seed);
            fixed (byte* s = seed)
                _ = randomize(_context, s);
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public string Name => "libsecp256k1 (native)";

    /// <summary>Loads libsecp256k1; false (and no engine) when the library or one of its functions is missing.</summary>
    public static bool TryCreate(out NativeSecp256k1Engine? engine)
    {
        engine = null;
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out var library))
                continue;
            try
            {
                engine = new NativeSecp256k1Engine(library);
                return true;
            }
            catch (EntryPointNotFoundException)
            {
                // A build without the recovery module: unusable, try the next name.
            }
            catch (InvalidOperationException)
            {
            }
        }

        return false;
    }

    public bool IsValidSecretKey(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != Secp256k1Constants.SecretKeySize)
            return false;
        fixed (byte* sk = secretKey)
            return _seckeyVerify(Context, sk) == 1;
    }

    public bool IsValidPublicKey(ReadOnlySpan<byte> compressedPublicKey)
    {
        // pubkey_parse would also accept 65-byte uncompressed keys, which the protocol refuses (spec 1.4).
        if (compressedPublicKey.Length != Secp256k1Constants.CompressedPublicKeySize || compressedPublicKey[0] is not (0x02 or 0x03))
            return false;
        var pubkey = stackalloc byte[PubkeyStructSize];
        fixed (byte* input = compressedPublicKey)
            return _pubkeyParse(Context, pubkey, input, (nuint)compressedPublicKey.Length) == 1;
    }

    public void DerivePublicKey(ReadOnlySpan<byte> secretKey, Span<byte> compressedPublicKey)
    {
        CheckSize(secretKey, Secp256k1Constants.SecretKeySize, nameof(secretKey));
        CheckSize(compressedPublicKey, Secp256k1Constants.CompressedPublicKeySize, nameof(compressedPublicKey));
        var pubkey = stackalloc byte[PubkeyStructSize];
        fixed (byte* sk = secretKey)
        {
            if (_pubkeyCreate(Context, pubkey, sk) != 1)
                throw new ArgumentException("Invalid secret key", nameof(secretKey));
        }

        Serialize(pubkey, compressedPublicKey);
    }

    public int SignRecoverable(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> digest, Span<byte> compactSignature)
    {
        CheckSize(secretKey, Secp256k1Constants.SecretKeySize, nameof(secretKey));
        CheckSize(digest, Secp256k1Constants.DigestSize, nameof(digest));
        CheckSize(compactSignature, Secp256k1Constants.CompactSignatureSize, nameof(compactSignature));
        var signature = stackalloc byte[RecoverableSignatureStructSize];
        int recoveryId;
        fixed (byte* sk = secretKey)
        fixed (byte* msg = digest)
        fixed (byte* output = compactSignature)
        {
            // A NULL nonce function selects RFC 6979 with HMAC-SHA256 and no extra data: deterministic signatures.
            if (_signRecoverable(Context, signature, msg, sk, 0, 0) != 1)
                throw new ArgumentException("Invalid secret key", nameof(secretKey));
            _ = _serializeCompact(Context, output, &recoveryId, signature);
        }

        return recoveryId;
    }

    public bool TryRecover(ReadOnlySpan<byte> compactSignature, int recoveryId, ReadOnlySpan<byte> digest, Span<byte> compressedPublicKey)
    {
        if (compactSignature.Length != Secp256k1Constants.CompactSignatureSize || digest.Length != Secp256k1Constants.DigestSize
            || compressedPublicKey.Length != Secp256k1Constants.CompressedPublicKeySize || recoveryId is < 0 or > 3)
            return false;

        var signature = stackalloc byte[RecoverableSignatureStructSize];
        var pubkey = stackalloc byte[PubkeyStructSize];
        fixed (byte* input = compactSignature)
        fixed (byte* msg = digest)
        {
            // parse_compact refuses r or s >= n; recover refuses r or s == 0.
            if (_parseCompact(Context, signature, input, recoveryId) != 1 || _recover(Context, pubkey, signature, msg) != 1)
                return false;
        }

        Serialize(pubkey, compressedPublicKey);
        return true;
    }

    public void Dispose()
    {
        var context = Interlocked.Exchange(ref _context, 0);
        if (context != 0)
            _contextDestroy(context);
        // The library handle stays loaded: other engines in the process may share it.
    }

    private nint Context => _context != 0 ? _context : throw new ObjectDisposedException(nameof(NativeSecp256k1Engine));

    private void Serialize(byte* pubkey, Span<byte> compressedPublicKey)
    {
        nuint length = Secp256k1Constants.CompressedPublicKeySize;
        fixed (byte* output = compressedPublicKey)
            _ = _pubkeySerialize(Context, output, &length, pubkey, EcCompressed);
    }

    private nint Export(string name) =>
        NativeLibrary.TryGetExport(_library, name, out var address) ? address : throw new EntryPointNotFoundException(name);

    private static void CheckSize(ReadOnlySpan<byte> span, int size, string name)
    {
        if (span.Length != size)
            throw new ArgumentException($"Expected {size} bytes, got {span.Length}", name);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreIllegalArgument(byte* message, void* data)
    {
    }
}
