"""PROTOCOL.md §3.2: a command's client-chosen integer `id` is echoed exactly (any Int64), and an
`id` that is no Int64 is `bad_request` with `id: null`."""
import asyncio
import json

import pytest

from wsclient import Client, run


@pytest.mark.parametrize("literal", ["9007199254740993", "9223372036854775807", "-9223372036854775808",
                                     "1234567890123456789"])
@run
async def test_a_large_integer_id_is_echoed_exactly(session, literal):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    await asha.send('{"type":"ping","id":%s}' % literal)
    raw = await asyncio.wait_for(asha.ws.recv(), 10)
    while json.loads(raw).get("type") not in ("ack", "error"):
        raw = await asyncio.wait_for(asha.ws.recv(), 10)
    # Compared as text: a JSON number read through a double would hide a changed last digit.
    assert '"type":"ack"' in raw and '"id":%s,' % literal in raw, raw
    await asha.close()


@pytest.mark.parametrize("literal, says", [
    ("9223372036854775808", "-9223372036854775808 to 9223372036854775807"),
    ("-9223372036854775809", "-9223372036854775808 to 9223372036854775807"),
    ("1e30", "-9223372036854775808 to 9223372036854775807"),
    ("1.5", "got 1.5"),
])
@run
async def test_an_id_that_is_no_int64_is_bad_request_with_a_null_id(session, literal, says):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    before = await asha.seq()
    await asha.send('{"type":"hand.raise","kind":"contribution","id":%s}' % literal)
    error = await asha.expect(lambda m: m.get("type") == "error")
    assert error["code"] == "bad_request" and error["id"] is None, error
    assert says in error["message"], error
    assert await asha.seq() == before
    await asha.close()
