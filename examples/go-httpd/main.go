// go-httpd: an HTTP/1.1 server written against Go's standard net/http,
// built as an ordinary static linux/amd64 program and run on Skiff.
//
//	/             a generated page: the server's name and the request's
//	              path (text/plain; the same body every time for a path)
//	/stats        the number of requests served so far
//	/gen?n=BYTES  BYTES bytes of a fixed pattern ("0123456789\n" repeated),
//	              for transfer tests and benchmarks
//	/file/NAME    the file /NAME of the ramdisk, byte for byte
//	              (application/octet-stream); 404 if there is none
//	/exit         answers "bye", then shuts the server down: main returns
//	              and the domain exits with code 0
//
// The port is os.Args[1] (the xl config's extra=), else 80. Keep-alive is
// net/http's default. Try it from dom0:
//
//	curl http://ADDR/ http://ADDR/file/hello.txt http://ADDR/exit
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
)

const (
	pattern = "0123456789\n"
	maxGen  = 64 << 20
)

type server struct {
	requests atomic.Int64
	stop     chan struct{}
}

func (s *server) root(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "go-httpd on Skiff\npath %s\n", r.URL.Path)
}

func (s *server) stats(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "requests %d\n", s.requests.Load())
}

func (s *server) gen(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 0 || n > maxGen {
		http.Error(w, "n: a number of bytes up to 64 MiB", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(n))
	chunk := []byte(strings.Repeat(pattern, 4096/len(pattern)+1))
	chunk = chunk[:len(chunk)/len(pattern)*len(pattern)]
	for n > 0 {
		k := len(chunk)
		if n < k {
			k = n
		}
		if _, err := w.Write(chunk[:k]); err != nil {
			return
		}
		n -= k
	}
}

// file serves /file/NAME from the ramdisk's root. path.Clean of a rooted
// path never climbs above "/".
func (s *server) file(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	name := path.Clean("/" + strings.TrimPrefix(r.URL.Path, "/file/"))
	data, err := os.ReadFile(name)
	if err != nil {
		http.Error(w, "no file "+name, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

func (s *server) exit(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	w.Header().Set("Connection", "close")
	fmt.Fprintln(w, "bye")
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
}

func main() {
	port := "80"
	if len(os.Args) > 1 {
		port = os.Args[1]
	}
	s := &server{stop: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("/", s.root)
	mux.HandleFunc("/stats", s.stats)
	mux.HandleFunc("/gen", s.gen)
	mux.HandleFunc("/file/", s.file)
	mux.HandleFunc("/exit", s.exit)
	srv := &http.Server{Addr: ":" + port, Handler: mux}

	go func() {
		<-s.stop
		srv.Shutdown(context.Background())
	}()
	fmt.Printf("go-httpd: listening on port %s\n", port)
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatalf("go-httpd: %v", err)
	}
	fmt.Printf("go-httpd: %d requests served, bye\n", s.requests.Load())
}
