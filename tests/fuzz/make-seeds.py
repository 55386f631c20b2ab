#!/usr/bin/env python3
"""Regenerate the script seeds of tests/fuzz/corpus: the inputs of the
fuzzers that read their input as a script of operations (blkfront,
netfront, their rings, the xenstore engine, DHCP and DNS), written with
the harnesses' encodings so that each seed walks a known path. The
regress-* seeds are inputs a fuzzer found (kept as they are); cpio and
ELF seeds come from make-seeds.sh; the others are written by hand.
usage: make-seeds.py [CORPUS_DIR]"""
import os
import struct
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "corpus")


def put(fuzzer, name, data):
    os.makedirs(os.path.join(top, fuzzer), exist_ok=True)
    with open(os.path.join(top, fuzzer, name), "wb") as f:
        f.write(data)


def u16(v): return struct.pack("<H", v)
def u32(v): return struct.pack("<I", v)
def u64(v): return struct.pack("<Q", v)


# --- fuzz_blkfront.c: step bytes (see step()) -------------------------------
def connect(how=0, secs=16): return bytes([3, how, secs])


def submit(op, sector, count, mis=False):
    b = bytes([4, op | (8 if mis else 0)]) + u16(sector)
    return b + (bytes([count - 1]) if op != 2 else b"")


def serve(k, how=4): return bytes([6, k - 1, how])
def state(s): return bytes([0, s])
def blie(i, op, st): return bytes([8, 0]) + u64(i) + bytes([op]) + u16(st)


work = bytes([9])
put("blkfront", "connect-read-write", connect() + submit(0, 5, 1) + serve(1)
    + submit(1, 3, 4) + serve(1) + submit(2, 0, 0) + serve(1) + work)
put("blkfront", "indirect-4k-misaligned", connect(1 | 2 | 8, 40)
    + submit(0, 3, 30, True) + submit(1, 0, 20) + serve(8) + serve(8)
    + submit(0, 1, 100) + serve(4) + submit(2, 0, 0) + serve(4) + work)
put("blkfront", "persistent-restore", connect(4, 60) + submit(1, 2, 50, True)
    + submit(0, 0, 9) + bytes([11]) + connect(0, 60) + serve(10) + serve(10)
    + work)
put("blkfront", "closing-inflight", connect(0, 60) + submit(0, 2, 50)
    + submit(1, 0, 9, True) + state(5) + bytes([1, 0, 0x80, 0, 0x10, 0, 0])
    + state(6) + state(1) + connect(1, 8) + submit(0, 1, 2) + serve(3, 5)
    + work)
put("blkfront", "restore-bigger-sectors", connect(0, 200) + submit(0, 2, 8)
    + submit(0, 3, 8, True) + bytes([11]) + connect(1, 60) + serve(10)
    + serve(10) + work)
put("blkfront", "regress-answer-then-violation", connect(0, 60)
    + submit(0, 2, 4) + submit(0, 9, 4) + bytes([6, 0, 8])
    + blie(1, 0, 0x7fff) + work)


# --- fuzz_netfront.c ----------------------------------------------------------
def nconnect(how=0): return bytes([3, how])


def tx(length, how=0):
    if how & 1:
        return bytes([4, how]) + u16(length & 0xffff) + bytes([length >> 16])
    return bytes([4, how]) + u16(length)


def btx(k=1, how=4): return bytes([6, how, k - 1])


def brx(length, how=8, off=None):
    b = bytes([7, how]) + u16(length)
    return b + (u16(off) if how & 4 else b"")


nwork = bytes([10])
put("netfront", "ping-pong", nconnect() + tx(98) + btx() + brx(84)
    + tx(1514, 2) + btx() + brx(1500, 8 | 4, 10) + nwork)
put("netfront", "gso-both-ways", nconnect() + tx(30000, 8 | 16) + btx(2)
    + brx(20000, 1 | 8) + brx(60000, 1 | 8) + nwork)
put("netfront", "restore-mid-transfer", nconnect() + tx(3000, 2)
    + bytes([12]) + tx(100) + nconnect(1) + btx(2) + brx(700) + nwork)
put("netfront", "closing-keep-mapped", nconnect() + brx(100, 2 | 8) + tx(200)
    + btx(1, 1 | 4) + bytes([0, 5]) + bytes([0, 6]) + bytes([0, 1])
    + nconnect(2) + tx(64) + btx() + nwork)


# --- fuzz_blkfront_ring.c -------------------------------------------------------
def rpost(how, segs, ind=False):
    b = bytes([1 if ind else 0, how])
    if how & 8 and not ind:
        return b + u64(0)
    b += bytes([len(segs) - 1])
    for a, c, g in segs:
        b += bytes([a, c]) + u32(g)
    return b + u64(16) + (u32(77) if ind else b"")


def ranswer(k): return bytes([3, k]) + b"\0" * k
def rreap(m): return bytes([5, m - 1])


push = bytes([2])
put("blkfront_ring", "read-write-flush", rpost(0, [(0, 7, 10), (1, 3, 11)])
    + rpost(4 | 32, [(0, 7, 12)]) + push + ranswer(2) + rreap(32)
    + rpost(8 | 32, []) + push + ranswer(1) + rreap(4) + bytes([6]))
put("blkfront_ring", "indirect-split",
    rpost(1 | 32, [(0, 7, i) for i in range(20)], True) + push + ranswer(1)
    + rreap(1) + bytes([7, 1]) + u64(0x10000200) + u32(300) + u16(3)
    + bytes([63]))

# --- fuzz_netfront_ring.c: sg+gso, a MAC, then steps ------------------------------
mac = b"00:16:3e:01:02:03\0"


def ntx(how, lens): return bytes([0, how]) + b"".join(u16(x) for x in lens)


put("netfront_ring", "tx-rx", bytes([3]) + mac + ntx(1, [1514, 100])
    + bytes([1, 2, 8, 3, 0]) + bytes([4, 5]) + u16(3000) + bytes([0, 6]))
put("netfront_ring", "gso", bytes([3]) + mac
    + ntx(0x40 | 0x10 | 2, [4096, 4096, 100]) + bytes([1, 2, 8, 3, 0])
    + bytes([4, 5]) + u16(60000) + bytes([1]) + u16(100) + bytes([6]))


# --- fuzz_xs_pump.c ---------------------------------------------------------------
def xreq(plen, size, write):
    return bytes([1]) + u16(plen) + bytes([size, 1 if write else 0])


def xconsume(k): return bytes([0]) + u16(k)


def xreply(body, how=0, extra=b""):
    return bytes([2, how, len(body)]) + body + extra


put("xs_pump", "read-reply", u32(0) + u32(0) + xreq(10, 40, False)
    + xconsume(100) + xreply(b"hello"))
put("xs_pump", "wrap-big-write", u32(0xfffffff0) + u32(0xfffffffa)
    + xreq(3000, 8, True) + xconsume(900) * 4 + xreply(b"OK\0")
    + xreq(5, 0, False) + xconsume(30) + xreply(b"", 8 | 16))
put("xs_pump", "watch-event", u32(7) + u32(9) + bytes([0])
    + xreply(b"a/b\0tok\0", 1, bytes([15])) + xreq(4, 16, False)
    + xconsume(64) + xreply(b"xyz", 2, u32(77)) + xreply(b"value"))
put("xs_pump", "silent-store", u32(0) + u32(0) + xreq(2000, 8, True)
    + bytes([6]) + u32(0xffffffff) + xreq(6, 8, False) + xconsume(2000)
    + xconsume(2000) + xreply(b"v"))


# --- fuzz_dhcp.c ------------------------------------------------------------------
def dhcp(mtype, yi=b"\x0a\x00\x00\x05", opts=b""):
    m = bytes([2, 1, 6, 0]) + b"\0" * 8 + b"\0" * 4 + yi + b"\x0a\0\0\x01"
    m += b"\0" * 4 + b"\0" * 16 + b"\0" * 192 + b"\x63\x82\x53\x63"
    m += bytes([53, 1, mtype, 54, 4, 10, 0, 0, 1, 51, 4, 0, 0, 0x0e, 0x10,
                1, 4, 255, 255, 255, 0, 3, 4, 10, 0, 0, 1, 6, 8, 10, 0, 0,
                1, 8, 8, 8, 8])
    return m + opts + bytes([255])


def dreply(m): return bytes([0]) + u16(len(m)) + m
def adv(ms): return bytes([4]) + u16(ms // 50)


t1t2 = bytes([58, 4, 0, 0, 0, 30, 59, 4, 0, 0, 0, 50])
put("dhcp", "offer-ack", dreply(dhcp(2)) + adv(500) + dreply(dhcp(5))
    + adv(3000) + adv(60000))
put("dhcp", "offer-nak-renew", dreply(dhcp(2)) + dreply(dhcp(6)) + adv(10000)
    + dreply(dhcp(2, opts=t1t2)) + dreply(dhcp(5, opts=t1t2)) + bytes([6])
    + adv(40000) + bytes([5, 7]))
put("dhcp", "overload-options", dreply(dhcp(2, opts=bytes([52, 1, 3])))
    + dreply(dhcp(5, opts=bytes([52, 1, 1, 12, 5]) + b"skiff")))


# --- fuzz_dns.c ---------------------------------------------------------------------
def dns(qname, qtype, answers, flags=0x8180):
    h = struct.pack(">HHHHHH", 0, flags, 1, len(answers), 0, 0)
    q = b"".join(bytes([len(x)]) + x for x in qname.split(b"."))
    q += b"\0" + struct.pack(">HH", qtype, 1)
    a = b""
    for t, rd in answers:
        a += b"\xc0\x0c" + struct.pack(">HHIH", t, 1, 300, len(rd)) + rd
    return h + q + a


def look(n, t): return bytes([0, n, t])
def nrep(m): return bytes([1]) + u16(len(m)) + m


put("dns", "a-record", look(0, 0)
    + nrep(dns(b"example.com", 1, [(1, b"\x5d\xb8\xd8\x22")])))
put("dns", "aaaa-cname", look(3, 1) + nrep(dns(
    b"a.very.long.name.with.many.labels.in.it.example.org", 28,
    [(5, b"\x01x\xc0\x0c"), (28, bytes(range(16)))]))
    + look(1, 2) + nrep(dns(b"a", 1, [])) + bytes([3, 0xff, 0xff]))
put("dns", "nxdomain-retry", look(4, 3) + bytes([3, 0x00, 0x02])
    + nrep(dns(b"localhost.localdomain", 28, [], 0x8183)) + look(2, 0)
    + nrep(dns(b"xn--bcher-kva.example", 1,
               [(1, b"\x0a\x00\x00\x09"), (1, b"\x0a\x00\x00\x0a")])))
