// tlsclient: dom0's side of go-tls, a static linux/amd64 program.
//
//	tlsclient [-n N] [-fp SHA256HEX] [-path /] HOST:PORT
//
// Makes N HTTPS requests, each on a new connection with a full handshake
// (no session cache), checks that every handshake showed the certificate
// whose SHA-256 is -fp (when given) and that each answer is 200, then
// prints one summary line. Exits 1 on any failure.
package main

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	n := flag.Int("n", 100, "requests, one handshake each")
	fp := flag.String("fp", "", "the certificate's expected SHA-256 (hex)")
	path := flag.String("path", "/", "the path to request")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: tlsclient [-n N] [-fp HEX] [-path P] HOST:PORT")
		os.Exit(2)
	}
	handshakes, seen := 0, ""
	cfg := &tls.Config{
		// The certificate is self-signed: pin it by its hash instead.
		InsecureSkipVerify: true,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			sum := sha256.Sum256(raw[0])
			seen = hex.EncodeToString(sum[:])
			if *fp != "" && seen != *fp {
				return fmt.Errorf("certificate sha256 %s, expected %s", seen, *fp)
			}
			handshakes++
			return nil
		},
	}
	client := &http.Client{
		Timeout:   20 * time.Second,
		Transport: &http.Transport{TLSClientConfig: cfg, DisableKeepAlives: true},
	}
	url := "https://" + flag.Arg(0) + *path
	var version uint16
	for i := 0; i < *n; i++ {
		resp, err := client.Get(url)
		if err != nil {
			fmt.Printf("tlsclient: request %d: %v\n", i+1, err)
			os.Exit(1)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			fmt.Printf("tlsclient: request %d: status %d, %v\n", i+1, resp.StatusCode, err)
			os.Exit(1)
		}
		if i == 0 && *path != "/" {
			fmt.Printf("tlsclient: %s", body)
		}
		version = resp.TLS.Version
	}
	if handshakes != *n {
		fmt.Printf("tlsclient: %d handshakes for %d requests\n", handshakes, *n)
		os.Exit(1)
	}
	fmt.Printf("tlsclient: %d handshakes, all 200, TLS %x, certificate sha256 %s\n", handshakes, version, seen)
}
