// go-tls: an HTTPS server whose key and self-signed certificate are made
// at start with crypto/rand (getrandom on Skiff). It prints the
// certificate's SHA-256 fingerprint, which dom0 compares across two
// boots, serves "/" to dom0's client and ends on "/exit". It also checks
// the memory devices as a Linux program sees them.
package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"
)

var failed int

func check(ok bool, what string, err error) {
	if ok {
		fmt.Printf("go-tls: ok: %s\n", what)
		return
	}
	failed++
	fmt.Printf("go-tls: FAIL: %s (%v)\n", what, err)
}

// The memory devices: character devices, /dev/urandom gives bytes,
// /dev/zero zeros, /dev/null swallows and reads end of file.
func devices() {
	for _, name := range []string{"/dev/urandom", "/dev/random", "/dev/null", "/dev/zero"} {
		fi, err := os.Stat(name)
		check(err == nil && fi.Mode()&os.ModeCharDevice != 0, name+" is a character device", err)
	}
	f, err := os.Open("/dev/urandom")
	buf := make([]byte, 64)
	if err == nil {
		_, err = io.ReadFull(f, buf)
		f.Close()
	}
	check(err == nil && !bytes.Equal(buf, make([]byte, 64)), "read 64 bytes of /dev/urandom", err)
	f, err = os.Open("/dev/zero")
	for i := range buf {
		buf[i] = 0xff
	}
	if err == nil {
		_, err = io.ReadFull(f, buf)
		f.Close()
	}
	check(err == nil && bytes.Equal(buf, make([]byte, 64)), "/dev/zero reads zeros", err)
	f, err = os.OpenFile("/dev/null", os.O_RDWR, 0)
	n := 0
	if err == nil {
		n, err = f.Write(buf)
	}
	check(err == nil && n == len(buf), "/dev/null takes writes", err)
	if f != nil {
		n, err = f.Read(buf)
		check(n == 0 && err == io.EOF, "/dev/null reads end of file", err)
		f.Close()
	}
}

func certificate() (tls.Certificate, [32]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, [32]byte{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, [32]byte{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "go-tls.skiff"},
		DNSNames:     []string{"go-tls.skiff"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, [32]byte{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, sha256.Sum256(der), nil
}

func main() {
	devices()
	cert, sum, err := certificate()
	if err != nil {
		fmt.Printf("go-tls: FAIL: cannot make the certificate: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("go-tls: certificate sha256 %x\n", sum)
	var served int64
	done := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		atomic.AddInt64(&served, 1)
		io.WriteString(w, "hello over TLS\n")
	})
	mux.HandleFunc("/exit", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "bye\n")
		close(done)
	})
	ln, err := net.Listen("tcp", ":443")
	if err != nil {
		fmt.Printf("go-tls: FAIL: listen: %v\n", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: mux, TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}}
	go srv.ServeTLS(ln, "", "")
	fmt.Println("go-tls: listening on port 443")
	<-done
	// Let the "bye" reach the client before the domain goes.
	time.Sleep(200 * time.Millisecond)
	fmt.Printf("go-tls: %d requests served, %d failed, bye\n", atomic.LoadInt64(&served), failed)
	os.Exit(0)
}
