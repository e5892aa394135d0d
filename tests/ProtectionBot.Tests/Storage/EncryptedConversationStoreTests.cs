using System.Security.Cryptography;
using System.Text;
using BotProtocol.State;
using BotProtocol.Work;
using Microsoft.Extensions.Logging.Abstractions;
using ProtectionBot.Storage.Encryption;

namespace ProtectionBot.Tests.Storage;

/// <summary>
/// The sealing decorator keeps the whole contract (here over the in-memory store; the app puts it over every store),
/// never lets the store see plaintext, survives a key rotation and refuses anything altered.
/// </summary>
public sealed class EncryptedConversationStoreTests : ConversationStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] NewKey = RandomNumberGenerator.GetBytes(32);

    private static readonly BotProtocol.Turns.Pseudonyms Pseudonyms = BotProtocol.Turns.Pseudonyms.WithRandomKey();

    private readonly InMemoryConversationStore _memory;
    private readonly Tested _raw;

    public EncryptedConversationStoreTests()
    {
        _memory = new InMemoryConversationStore(Time);
        _raw = new Tested(_memory);
    }

    protected override IConversationStore CreateStore() => Sealed(new StorageKeyRing(NewKey, []));

    private EncryptedConversationStore Sealed(StorageKeyRing keys) => EncryptedConversationStore.Over(_memory, keys, Pseudonyms, NullLogger<EncryptedConversationStore>.Instance);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task The_store_underneath_holds_neither_the_document_nor_the_payload_in_clear()
    {
        await CreateStore().WriteAsync("conversation/test/c1", Bytes("they followed me"), null, [new WorkItem("m1", "test", "conversation/test/c1", Bytes("case summary"), DateTimeOffset.MinValue)], None);

        var raw = await _raw.ReadAsync("conversation/test/c1", None);
        var message = Assert.Single(await _raw.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(5), 10, None)).Item;

        Assert.DoesNotContain("followed", Encoding.UTF8.GetString(raw!.Data.Span), StringComparison.Ordinal);
        Assert.DoesNotContain("summary", Encoding.UTF8.GetString(message.Payload.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_rotation_old_data_still_reads_and_new_writes_use_the_new_key()
    {
        var before = Sealed(new StorageKeyRing(OldKey, []));
        var etag = await before.WriteAsync("k", Bytes("written under the old key"), null, [], None);
        var oldSeal = (await _raw.ReadAsync("k", None))!.Data.ToArray();
        await before.EnqueueAsync(new WorkItem("m1", "test", "k", Bytes("queued under the old key"), DateTimeOffset.MinValue), None);

        var rotated = Sealed(new StorageKeyRing(NewKey, [OldKey]));
        var item = await rotated.ReadAsync("k", None);
        var lease = Assert.Single(await rotated.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(5), 10, None));
        await rotated.WriteAsync("k", Bytes("written under the new key"), etag, [], None);

        Assert.Equal("written under the old key", Encoding.UTF8.GetString(item!.Data.Span));
        Assert.Equal("queued under the old key", Encoding.UTF8.GetString(lease.Item.Payload.Span));
        var newSeal = (await _raw.ReadAsync("k", None))!.Data.ToArray();
        Assert.NotEqual(oldSeal.AsSpan(1, 4).ToArray(), newSeal.AsSpan(1, 4).ToArray());
        // Once the old key is dropped, what only it sealed can no longer be read; what the new key sealed can.
        var newOnly = new Tested(Sealed(new StorageKeyRing(NewKey, [])));
        Assert.Equal("written under the new key", Encoding.UTF8.GetString((await newOnly.ReadAsync("k", None))!.Data.Span));
        Assert.True((await Sealed(new StorageKeyRing(OldKey, [])).ReadAsync("k", None))!.IsUnreadable);
    }

    [Fact]
    public async Task An_altered_document_reads_as_unreadable_with_its_etag_and_can_be_overwritten()
    {
        var store = NewStore();
        await store.WriteAsync("k", Bytes("original"), null, None);
        var raw = (await _raw.ReadAsync("k", None))!;
        var altered = raw.Data.ToArray();
        altered[^1] ^= 0x01;
        var etag = await _raw.WriteAsync("k", altered, raw.ETag, None);

        var item = await store.ReadAsync("k", None);

        Assert.True(item!.IsUnreadable);
        Assert.True(item.Data.IsEmpty);
        Assert.Equal(etag, item.ETag);
        await store.WriteAsync("k", Bytes("fresh"), item.ETag, None);
        Assert.Equal("fresh", Encoding.UTF8.GetString((await store.ReadAsync("k", None))!.Data.Span));
    }

    [Fact]
    public async Task A_document_copied_under_another_conversations_key_does_not_open()
    {
        var store = NewStore();
        await store.WriteAsync("conversation/test/victim", Bytes("victim's answers"), null, None);
        var copied = (await _raw.ReadAsync("conversation/test/victim", None))!.Data;
        await _raw.WriteAsync("conversation/test/attacker", copied, null, None);

        Assert.True((await store.ReadAsync("conversation/test/attacker", None))!.IsUnreadable);
    }

    [Theory]
    [InlineData("plain JSON written before encryption")]
    [InlineData("")]
    public async Task A_value_that_was_never_sealed_reads_as_unreadable(string stored)
    {
        await _raw.WriteAsync("k", Bytes(stored), null, None);

        Assert.True((await CreateStore().ReadAsync("k", None))!.IsUnreadable);
    }

    [Fact]
    public async Task The_store_underneath_keeps_work_item_ids_only_as_keyed_pseudonyms_and_the_handler_gets_them_back()
    {
        var store = NewStore();
        await store.EnqueueAsync(new WorkItem("whatsapp/in/wamid.HBgMNTczMDAxMjM0NTY3FQIAEhgU", "test", "k", Bytes("hola"), DateTimeOffset.MinValue), None);

        var raw = Assert.Single(await _raw.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(1), 10, None));
        Time.Advance(TimeSpan.FromSeconds(1));
        var lease = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(5), 10, None));

        Assert.Equal(Pseudonyms.Of("whatsapp/in/wamid.HBgMNTczMDAxMjM0NTY3FQIAEhgU"), raw.Item.Id);
        Assert.DoesNotContain("wamid", Encoding.UTF8.GetString(raw.Item.Payload.Span), StringComparison.Ordinal);
        Assert.Equal("whatsapp/in/wamid.HBgMNTczMDAxMjM0NTY3FQIAEhgU", lease.Item.Id);
        Assert.True(await store.CompleteAsync(lease, None));
        Assert.Empty(await _raw.LeaseDueAsync(Time.GetUtcNow() + TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 10, None));
    }

    [Fact]
    public async Task A_message_queued_before_ids_were_pseudonyms_is_still_delivered_and_completed()
    {
        var keys = new StorageKeyRing(NewKey, []);
        // As the previous release sealed it: the id in clear, the payload alone under the old purpose.
        var legacy = keys.Seal(Bytes("case"), "outbox\nhandoff/c1/offer/0\nhandoff.offer\nconversation/test/c1");
        await _raw.EnqueueAsync(new WorkItem("handoff/c1/offer/0", "handoff.offer", "conversation/test/c1", legacy, DateTimeOffset.MinValue), None);
        var store = new Tested(Sealed(keys));

        var lease = Assert.Single(await store.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(5), 10, None));

        Assert.Equal("handoff/c1/offer/0", lease.Item.Id);
        Assert.Equal("case", Encoding.UTF8.GetString(lease.Item.Payload.Span));
        Assert.True(await store.CompleteAsync(lease, None));
    }

    [Fact]
    public async Task An_altered_or_moved_work_item_payload_is_not_handed_to_anyone()
    {
        var store = NewStore();
        await store.EnqueueAsync(new WorkItem("good", "test", "k", Bytes("fine"), DateTimeOffset.MinValue), None);
        await store.EnqueueAsync(new WorkItem("tampered", "test", "k", Bytes("case summary"), DateTimeOffset.MinValue), None);
        var sealedPayloads = (await _raw.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(1), 10, None)).ToDictionary(l => l.Item.Id, l => l.Item.Payload);
        Time.Advance(TimeSpan.FromSeconds(1));
        // A copy of a real payload under another owner, as someone with access to the table might try.
        await _raw.EnqueueAsync(new WorkItem("moved", "test", "someone-else", sealedPayloads[Pseudonyms.Of("good")], DateTimeOffset.MinValue), None);
        var tampered = sealedPayloads[Pseudonyms.Of("tampered")].ToArray();
        tampered[20] ^= 0x01;
        await _raw.EnqueueAsync(new WorkItem("tampered-copy", "test", "k", tampered, DateTimeOffset.MinValue), None);

        var leased = await store.LeaseDueAsync(Time.GetUtcNow(), TimeSpan.FromSeconds(5), 10, None);

        Assert.Equal(["good", "tampered"], leased.Select(l => l.Item.Id).Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/data-protection-key/)")]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused(string text)
    {
        Assert.False(StorageKeyRing.TryParseKey(text, out _));
    }
}
