// go-loopback: Go's networking inside one domain without a vif: the
// interfaces (net.Interfaces, net.InterfaceAddrs through the netlink
// route socket) list lo with 127.0.0.1 and ::1; an httptest server on
// the loopback serves a request; the socket options Go's tests set read
// back as on Linux; the unspecified address as a destination reaches
// the loopback; SetLinger(0) and Close reset the connection; an HTTP
// server on a unix socket serves a client in the same program; a
// unixgram exchange and a file passed over a unix socket (SCM_RIGHTS
// through Go's syscall package). Prints one line per part; check.sh
// reads them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
)

var failed bool

func fail(format string, args ...interface{}) {
	fmt.Printf("go-loopback: FAIL "+format+"\n", args...)
	failed = true
}

func interfaces() {
	ifs, err := net.Interfaces()
	if err != nil {
		fail("net.Interfaces: %v", err)
		return
	}
	for _, ifi := range ifs {
		addrs, err := ifi.Addrs()
		if err != nil {
			fail("%s.Addrs: %v", ifi.Name, err)
			return
		}
		var list []string
		for _, a := range addrs {
			list = append(list, a.String())
		}
		fmt.Printf("go-loopback: interface %d %s mtu %d flags %v addrs %s\n",
			ifi.Index, ifi.Name, ifi.MTU, ifi.Flags, strings.Join(list, " "))
	}
	all, err := net.InterfaceAddrs()
	if err != nil {
		fail("net.InterfaceAddrs: %v", err)
		return
	}
	fmt.Printf("go-loopback: %d interface(s), %d address(es)\n", len(ifs), len(all))
	lo, err := net.InterfaceByName("lo")
	if err != nil || lo.Flags&net.FlagLoopback == 0 || lo.Flags&net.FlagUp == 0 {
		fail("InterfaceByName(lo): %v %v", lo, err)
	}
}

func httptestServer() {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from httptest over %s", r.Host)
	}))
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		fail("httptest get: %v", err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("go-loopback: httptest %s status %d body %q\n", ts.URL, resp.StatusCode, body)
	// Both loopback addresses, whichever httptest took.
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0"} {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			fail("listen %s: %v", addr, err)
			continue
		}
		go func() {
			c, err := l.Accept()
			if err == nil {
				io.Copy(c, c)
				c.Close()
			}
		}()
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			fail("dial %s: %v", l.Addr(), err)
			l.Close()
			continue
		}
		c.Write([]byte("echo"))
		buf := make([]byte, 4)
		_, err = io.ReadFull(c, buf)
		c.Close()
		l.Close()
		if err != nil || string(buf) != "echo" {
			fail("echo over %s: %q %v", l.Addr(), buf, err)
			continue
		}
		host, _, _ := net.SplitHostPort(l.Addr().String())
		fmt.Printf("go-loopback: tcp echo over %s ok\n", host)
	}
}

func unixHTTP() {
	path := "/tmp/go-loopback.sock"
	l, err := net.Listen("unix", path)
	if err != nil {
		fail("listen unix: %v", err)
		return
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "served over unix %s", r.URL.Path)
	})}
	go srv.Serve(l)
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
	}}
	ok := 0
	for i := 0; i < 20; i++ {
		resp, err := client.Get(fmt.Sprintf("http://unix/req%d", i))
		if err != nil {
			fail("unix get: %v", err)
			break
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) == fmt.Sprintf("served over unix /req%d", i) {
			ok++
		}
	}
	srv.Close()
	fmt.Printf("go-loopback: unix http %d/20 ok\n", ok)

	// unixgram by abstract name, with the sender's name.
	srvAddr := &net.UnixAddr{Name: "@go-loopback-gram", Net: "unixgram"}
	s, err := net.ListenUnixgram("unixgram", srvAddr)
	if err != nil {
		fail("unixgram listen: %v", err)
		return
	}
	c, err := net.DialUnix("unixgram", &net.UnixAddr{Name: "@go-loopback-client", Net: "unixgram"}, srvAddr)
	if err != nil {
		fail("unixgram dial: %v", err)
		return
	}
	c.Write([]byte("datagram"))
	buf := make([]byte, 64)
	n, from, err := s.ReadFromUnix(buf)
	if err != nil || string(buf[:n]) != "datagram" || from == nil || from.Name != "@go-loopback-client" {
		fail("unixgram read: %q from %v: %v", buf[:n], from, err)
	} else {
		fmt.Printf("go-loopback: unixgram from %s ok\n", from.Name)
	}
	c.Close()
	s.Close()
}

// A file passed over a socketpair with SCM_RIGHTS.
func passFile() {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		fail("socketpair: %v", err)
		return
	}
	r, w, err := os.Pipe()
	if err != nil {
		fail("pipe: %v", err)
		return
	}
	rights := syscall.UnixRights(int(r.Fd()))
	if err := syscall.Sendmsg(fds[0], []byte("fd"), rights, nil, 0); err != nil {
		fail("sendmsg: %v", err)
		return
	}
	r.Close()
	w.Write([]byte("through a passed fd"))
	w.Close()
	buf := make([]byte, 8)
	oob := make([]byte, syscall.CmsgSpace(4))
	n, oobn, _, _, err := syscall.Recvmsg(fds[1], buf, oob, 0)
	if err != nil || string(buf[:n]) != "fd" {
		fail("recvmsg: %v", err)
		return
	}
	msgs, err := syscall.ParseSocketControlMessage(oob[:oobn])
	if err != nil || len(msgs) != 1 {
		fail("control: %v", err)
		return
	}
	got, err := syscall.ParseUnixRights(&msgs[0])
	if err != nil || len(got) != 1 {
		fail("rights: %v", err)
		return
	}
	f := os.NewFile(uintptr(got[0]), "passed")
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil || string(data) != "through a passed fd" {
		fail("read passed fd: %q %v", data, err)
		return
	}
	syscall.Close(fds[0])
	syscall.Close(fds[1])
	fmt.Printf("go-loopback: SCM_RIGHTS %q ok\n", data)
}

// The socket options Go's own tests set through Dialer.Control and the
// conn methods, read back as Linux reports them: the IPv6 hop limit
// (IPV6_UNICAST_HOPS, "protocol not available" before), IPv4's TTL, the
// send buffer (doubled, as Linux does), IPv6 multicast hops and loop.
func sockopts() {
	var hops6, ttl4 int
	var operr error
	ln6, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		fail("listen tcp6: %v", err)
		return
	}
	defer ln6.Close()
	d := net.Dialer{Control: func(network, address string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) {
			if operr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_UNICAST_HOPS, 1); operr == nil {
				hops6, operr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_UNICAST_HOPS)
			}
		})
	}}
	c, err := d.Dial("tcp6", ln6.Addr().String())
	if err != nil || operr != nil {
		fail("dial tcp6 with IPV6_UNICAST_HOPS: %v %v", err, operr)
		return
	}
	c.Close()
	ln4, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		fail("listen tcp4: %v", err)
		return
	}
	defer ln4.Close()
	d.Control = func(network, address string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) {
			if operr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IP, syscall.IP_TTL, 1); operr == nil {
				ttl4, operr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_IP, syscall.IP_TTL)
			}
		})
	}
	c, err = d.Dial("tcp4", ln4.Addr().String())
	if err != nil || operr != nil {
		fail("dial tcp4 with IP_TTL: %v %v", err, operr)
		return
	}
	defer c.Close()
	// -1 is the default hop limit, 64; 256 is out of range.
	var def6 int
	var bad error
	raw, _ := c.(*net.TCPConn).SyscallConn()
	u, err := net.ListenPacket("udp6", "[::1]:0")
	if err != nil {
		fail("listen udp6: %v", err)
		return
	}
	defer u.Close()
	uraw, _ := u.(*net.UDPConn).SyscallConn()
	var mhops, mloop int
	uraw.Control(func(fd uintptr) {
		if operr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_UNICAST_HOPS, -1); operr == nil {
			def6, operr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_UNICAST_HOPS)
		}
		bad = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_UNICAST_HOPS, 256)
		if operr == nil {
			operr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_HOPS, 5)
		}
		if operr == nil {
			mhops, operr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_HOPS)
		}
		if operr == nil {
			operr = syscall.SetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_LOOP, 1)
		}
		if operr == nil {
			mloop, operr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_IPV6, syscall.IPV6_MULTICAST_LOOP)
		}
	})
	if operr != nil || bad != syscall.EINVAL {
		fail("udp6 hop limits: %v, 256 gave %v", operr, bad)
		return
	}
	if err := c.(*net.TCPConn).SetWriteBuffer(65536); err != nil {
		fail("SetWriteBuffer: %v", err)
		return
	}
	var sndbuf, bcast int
	raw.Control(func(fd uintptr) {
		sndbuf, operr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_SNDBUF)
		// Linux takes SO_BROADCAST on any socket.
		if operr == nil {
			operr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_BROADCAST, 1)
		}
		if operr == nil {
			bcast, operr = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_BROADCAST)
		}
	})
	if operr != nil {
		fail("SO_SNDBUF, SO_BROADCAST: %v", operr)
		return
	}
	// A raw socket, on which Go sets SO_BROADCAST itself.
	ip, err := net.ListenPacket("ip4:icmp", "127.0.0.1")
	if err != nil {
		fail("listen ip4:icmp: %v", err)
		return
	}
	ip.Close()
	fmt.Printf("go-loopback: sockopts hops6 %d ttl4 %d default6 %d mhops6 %d mloop6 %d sndbuf %d broadcast %d, ip4:icmp on %v\n",
		hops6, ttl4, def6, mhops, mloop, sndbuf, bcast, ip.LocalAddr())
}

// A destination that is the unspecified address (":port", "0.0.0.0",
// "[::]") reaches this host, as Linux routes it (Go's TestDialLocal):
// TCP over IPv4 and IPv6, and a UDP datagram.
func unspecified() {
	ok := 0
	for nw, addr := range map[string]string{"tcp4": "127.0.0.1:0", "tcp6": "[::1]:0"} {
		ln, err := net.Listen(nw, addr)
		if err != nil {
			fail("listen %s: %v", nw, err)
			continue
		}
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		c, err := net.Dial(nw, ":"+port)
		if err != nil {
			fail("dial %s :%s: %v", nw, port, err)
		} else {
			ok++
			c.Close()
		}
		ln.Close()
	}
	u, err := net.ListenPacket("udp6", "[::1]:0")
	if err != nil {
		fail("listen udp6: %v", err)
		return
	}
	defer u.Close()
	to := &net.UDPAddr{IP: net.IPv6unspecified, Port: u.LocalAddr().(*net.UDPAddr).Port}
	s, err := net.ListenPacket("udp6", "[::1]:0")
	if err != nil {
		fail("listen udp6: %v", err)
		return
	}
	defer s.Close()
	if _, err := s.WriteTo([]byte("to ::"), to); err != nil {
		fail("udp6 to %v: %v", to, err)
		return
	}
	buf := make([]byte, 16)
	n, _, err := u.ReadFrom(buf)
	if err != nil || string(buf[:n]) != "to ::" {
		fail("udp6 read: %q %v", buf[:n], err)
		return
	}
	fmt.Printf("go-loopback: unspecified destination: %d/2 tcp, udp6 %q\n", ok, buf[:n])
}

// SetLinger(0) then Close resets the connection: the peer's Read fails
// with ECONNRESET, not the end of the stream (Go's TestNotTemporaryRead).
func lingerReset() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("listen: %v", err)
		return
	}
	defer ln.Close()
	dialed := make(chan struct{})
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		<-dialed
		c.(*net.TCPConn).SetLinger(0)
		c.Close()
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	close(dialed)
	if err != nil {
		fail("dial: %v", err)
		return
	}
	defer c.Close()
	_, err = c.Read(make([]byte, 1))
	if !errors.Is(err, syscall.ECONNRESET) {
		fail("read after the peer's SetLinger(0) and Close: %v, want ECONNRESET", err)
		return
	}
	fmt.Printf("go-loopback: linger 0 close: peer reads %q\n", syscall.ECONNRESET.Error())
}

func main() {
	interfaces()
	httptestServer()
	sockopts()
	unspecified()
	lingerReset()
	unixHTTP()
	passFile()
	if failed {
		fmt.Println("go-loopback: FAILED")
		os.Exit(1)
	}
	fmt.Println("go-loopback: PASS")
}
