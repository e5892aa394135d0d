using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ProtectionBot.Storage.Encryption;

/// <summary>
/// AES-256-GCM under the current key, opening with the current or any previous key. A sealed value is
/// <c>version (1 byte) | key id (4) | nonce (12) | tag (16) | ciphertext</c>; the key id says which key sealed it,
/// so a rotation needs no re-encryption: old values are opened with their old key and sealed anew on the next write.
/// The header and a purpose string naming the row (its storage key) are authenticated as associated data, so a
/// sealed value copied under another key or another row fails to open.
/// </summary>
internal sealed class StorageKeyRing
{
    public const int KeySize = 32;
    private const byte Version = 1;
    private const int KeyIdSize = 4;
    private const int HeaderSize = 1 + KeyIdSize;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Overhead = HeaderSize + NonceSize + TagSize;

    private readonly Key _current;
    private readonly Dictionary<uint, Key> _keys = [];

    public StorageKeyRing(byte[] current, IEnumerable<byte[]> previous)
    {
        _current = new Key(IdOf(current), current);
        _keys[_current.Id] = _current;
        foreach (var key in previous)
        {
            var id = IdOf(key);
            if (!_keys.TryAdd(id, new Key(id, key)) && !_keys[id].Bytes.AsSpan().SequenceEqual(key))
                throw new ArgumentException("Two data protection keys have the same key id; generate a new key.", nameof(previous));
        }
    }

    /// <summary>The id of the key writes use, as it appears in sealed values (hex; not secret).</summary>
    public string CurrentKeyId => _current.Id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var sealedValue = new byte[Overhead + plaintext.Length];
        var header = sealedValue.AsSpan(0, HeaderSize);
        header[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], _current.Id);
        var nonce = sealedValue.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var associatedData = AssociatedData(header, purpose, stackalloc byte[StackLimit]);
        var aes = _current.Rent();
        try
        {
            aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(Overhead), sealedValue.AsSpan(HeaderSize + NonceSize, TagSize), associatedData);
        }
        finally
        {
            _current.Return(aes);
        }
        return sealedValue;
    }

    /// <summary>Opens a sealed value, or says why it cannot be: never throws on bad input.</summary>
    public OpenResult Open(ReadOnlySpan<byte> sealedValue, string purpose)
    {
        if (sealedValue.Length < Overhead || sealedValue[0] != Version)
            return OpenResult.Fail(OpenFailure.NotSealed);
        var header = sealedValue[..HeaderSize];
        if (!_keys.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(header[1..]), out var key))
            return OpenResult.Fail(OpenFailure.UnknownKey);
        var plaintext = new byte[sealedValue.Length - Overhead];
        var associatedData = AssociatedData(header, purpose, stackalloc byte[StackLimit]);
        var aes = key.Rent();
        try
        {
            aes.Decrypt(
                sealedValue.Slice(HeaderSize, NonceSize), sealedValue[Overhead..], sealedValue.Slice(HeaderSize + NonceSize, TagSize),
                plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            return OpenResult.Fail(OpenFailure.Altered);
        }
        finally
        {
            key.Return(aes);
        }
        return new OpenResult(plaintext, null);
    }

    /// <summary>A key of its own for <paramref name="purpose"/> (HKDF-SHA256 of the current key), revealing nothing of the current key.</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _current.Bytes, KeySize, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>Reads a configured key: base64 of exactly 32 bytes.</summary>
    public static bool TryParseKey(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var buffer = new byte[KeySize + 3];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written != KeySize)
            return false;
        key = buffer[..KeySize];
        return true;
    }

    // A keyed hash rather than a plain hash of the key, so the id reveals nothing about the key itself.
    private static uint IdOf(byte[] key)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, "ProtectionBot storage key id"u8, mac);
        return BinaryPrimitives.ReadUInt32BigEndian(mac);
    }

    private const int StackLimit = 512;

    /// <summary>The header and purpose, in <paramref name="buffer"/> when they fit (purposes name a storage key, a few hundred bytes at most).</summary>
    private static ReadOnlySpan<byte> AssociatedData(ReadOnlySpan<byte> header, string purpose, Span<byte> buffer)
    {
        var length = header.Length + Encoding.UTF8.GetByteCount(purpose);
        var data = length <= buffer.Length ? buffer[..length] : new byte[length];
        header.CopyTo(data);
        Encoding.UTF8.GetBytes(purpose, data[header.Length..]);
        return data;
    }

    /// <summary>
    /// A key and the ciphers set up with it. Setting up AES-GCM (key schedule, native context) cost more than sealing a
    /// conversation's few KB, so instances are kept for reuse; one is used by one thread at a time.
    /// </summary>
    private sealed record Key(uint Id, byte[] Bytes)
    {
        private const int MaxIdle = 16;
        private readonly System.Collections.Concurrent.ConcurrentBag<AesGcm> _idle = [];

        public AesGcm Rent() => _idle.TryTake(out var aes) ? aes : new AesGcm(Bytes, TagSize);

        public void Return(AesGcm aes)
        {
            if (_idle.Count < MaxIdle)
                _idle.Add(aes);
            else
                aes.Dispose();
        }
    }
}

internal enum OpenFailure
{
    /// <summary>Not a sealed value at all (too short, or an unknown format version).</summary>
    NotSealed,

    /// <summary>Sealed with a key that is neither the current one nor a previous one.</summary>
    UnknownKey,

    /// <summary>The tag does not match: the value, its header or the row it is stored under was changed.</summary>
    Altered,
}

internal readonly record struct OpenResult(byte[]? Plaintext, OpenFailure? Failure)
{
    public static OpenResult Fail(OpenFailure failure) => new(null, failure);
}
