"""The connection count both listeners admit by (channels/connections.py): an IPv6 client is
its /64, an IPv4 one its address, and the reserve past the cap is for the clients named for
it only (review 27: one IPv6 host has a /64 of addresses, and a few hosts filled the web
cap so that even the load balancer's /healthz got 503)."""

from __future__ import annotations

from channels.connections import Connections, client_key


def test_an_ipv6_client_is_its_64() -> None:
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
    assert client_key("fe80::1%eth0") == client_key("fe80::2")
    assert client_key("::ffff:192.0.2.7") == client_key("192.0.2.7") == "192.0.2.7"
    assert client_key("192.0.2.7") != client_key("192.0.2.8")
    assert client_key("not an address") == "not an address"


def test_addresses_in_one_64_share_the_per_client_cap() -> None:
    connections = Connections(100, 3)
    host = [f"2001:db8:1:2::{n:x}" for n in range(1, 6)]
    assert [connections.admit(a) for a in host] == [True, True, True, False, False]
    assert connections.admit("2001:db8:1:3::1")  # the next /64 is someone else
    assert connections.from_client("2001:db8:1:2::99") == 3
    connections.release(host[0])  # released by any of its addresses' key
    assert connections.admit(host[4]) and not connections.admit(host[3])
    for address in host[1:3] + host[4:5]:
        connections.release(address)
    assert connections.from_client(host[0]) == 0 and connections.open == 1


def test_the_reserve_is_for_the_named_clients_only() -> None:
    def local(client: str) -> bool:
        return client == "127.0.0.1"

    connections = Connections(2, 2, reserve=1, reserved=local)
    assert connections.admit("192.0.2.1") and connections.admit("192.0.2.2")
    assert not connections.admit("192.0.2.3")  # the cap is full for strangers
    assert connections.admit("127.0.0.1")  # the reserve
    assert not connections.admit("127.0.0.1")  # and no more than it
    connections.release("127.0.0.1")
    assert connections.admit("127.0.0.1")


def test_a_shared_client_counts_towards_the_total_only() -> None:
    connections = Connections(3, 1, shared=lambda client: client == "10.0.0.5")
    assert [connections.admit("10.0.0.5") for _ in range(3)] == [True, True, True]
    assert not connections.admit("10.0.0.5") and not connections.admit("192.0.2.1")


def test_one_ipv6_site_holds_at_most_two_clients_worth_from_all_its_64s() -> None:
    """Review 29: a tunnel broker's free /48 has 65,536 /64s; 8 of them filled the 512
    connections a listener allows by default."""
    connections = Connections(100, 3)
    site = [f"2001:db8:7:{n:x}::1" for n in range(1, 5)]  # four /64s of one /48
    admitted = [connections.admit(address) for address in site for _ in range(3)]
    assert admitted == [True] * 6 + [False] * 6  # two /64s' worth, then none
    assert connections.admit("2001:db8:8:1::1")  # another /48 is another site
    assert connections.admit("192.0.2.1")  # IPv4 has no site
    connections.release(site[0])
    assert connections.admit(site[3]) and not connections.admit(site[2])
    shared = Connections(100, 3, shared=lambda client: client.startswith("2001:db8:7:"))
    assert all(shared.admit(address) for address in site for _ in range(3))
