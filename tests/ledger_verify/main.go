// Command ledger_verify checks a Gongshu evidence ledger, served as a C2SP tlog-tiles log, with
// the standard Go transparency-log client (golang.org/x/mod/sumdb/note and sumdb/tlog):
//
//   - the checkpoint is a signed note that note.Open accepts with the ledger's verifier key; its
//     body is the origin (the key's name), the tree size and the base64 root hash;
//   - tlog.TileHashReader authenticates the hash tiles against the checkpoint, and tlog.TreeHash
//     over them gives the checkpoint's root;
//   - for sampled entries (seeded, plus the first, the last and those at the 256-entry tile
//     boundary) the leaf hash read through the tiles is tlog.RecordHash of the entry read from
//     its entry bundle, and tlog.ProveRecord over the tiles passes tlog.CheckRecord;
//   - given an earlier checkpoint (-old-size, -old-root), tlog.ProveTree over the tiles passes
//     tlog.CheckTree between it and the current one;
//   - every hash tile of this tree size (the full tiles and the partial tile of each level),
//     re-derived from the entry bundles with tlog.StoredHashes and tlog.ReadTileData, equals the
//     served tile byte for byte. This also covers a gap in x/mod 0.7.0: its TileHashReader
//     checks the full tiles it reads against their parents starting at position len(stx) of its
//     tile list, which skips some of them when several tree-hash subtrees share a tile, so it
//     can return hashes from a full level-0 tile that it never authenticated;
//   - with -api, the server's JSON entries, inclusion and consistency proofs and its C2SP
//     tlog-proof receipts pass tlog.CheckRecord and tlog.CheckTree.
//
// Usage:
//
//	ledger_verify -url http://127.0.0.1:8080/ledger -vkey 'localhost/ledger+1234abcd+A...' \
//	  [-api http://127.0.0.1:8080/api/v1/ledger] [-old-size N -old-root BASE64] [-seed S]
//
// A file:///path/to/ledger URL reads a ledger directory on disk instead. On success the last
// line printed is "verified size=<N> root=<base64>". Exit status: 0 when every check passes,
// 1 when any fails (each failure is printed to stderr), 2 for a usage error.
package main

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// tileHeight is the C2SP tile height: 256 hashes per tile.
const tileHeight = 8

// maxReported bounds the failures printed per check; the rest are counted.
const maxReported = 5

func main() {
	base := flag.String("url", "", "the ledger's tlog-tiles prefix, e.g. http://127.0.0.1:8080/ledger")
	vkey := flag.String("vkey", "", "the ledger's verifier key <name>+<hex id>+<base64>")
	api := flag.String("api", "", "optional: the ledger's JSON API prefix, e.g. http://127.0.0.1:8080/api/v1/ledger")
	origin := flag.String("origin", "", "the expected checkpoint origin (default: the key's name)")
	oldSize := flag.Int64("old-size", 0, "optional: the size of an earlier checkpoint")
	oldRoot := flag.String("old-root", "", "optional: the base64 root of that earlier checkpoint")
	seed := flag.Int64("seed", 1, "seed of the sampled entry indices")
	samples := flag.Int("samples", 64, "number of randomly sampled entries")
	timeout := flag.Duration("timeout", 10*time.Second, "timeout of each request")
	flag.Parse()
	if *base == "" || *vkey == "" || flag.NArg() != 0 || (*oldSize != 0) != (*oldRoot != "") {
		fmt.Fprintln(os.Stderr, "usage: ledger_verify -url URL -vkey VKEY [-api URL] [-old-size N -old-root BASE64] [-seed S] [-samples K]")
		os.Exit(2)
	}

	transport := &http.Transport{}
	transport.RegisterProtocol("file", http.NewFileTransport(http.Dir("/")))
	v := &checker{client: &http.Client{Transport: transport, Timeout: *timeout}}
	v.run(strings.TrimSuffix(*base, "/"), *vkey, *origin, strings.TrimSuffix(*api, "/"), *oldSize, *oldRoot, *seed, *samples)
	if v.failures > 0 {
		fmt.Fprintf(os.Stderr, "ledger_verify: %d check(s) FAILED\n", v.failures)
		os.Exit(1)
	}
}

// checker runs the checks and counts the failures.
type checker struct {
	client   *http.Client
	failures int
}

func (c *checker) fail(format string, args ...interface{}) {
	c.failures++
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
}

// fatal reports a failure after which no further check makes sense.
func (c *checker) fatal(format string, args ...interface{}) {
	c.fail(format, args...)
	fmt.Fprintf(os.Stderr, "ledger_verify: %d check(s) FAILED\n", c.failures)
	os.Exit(1)
}

func ok(format string, args ...interface{}) {
	fmt.Printf("ok: "+format+"\n", args...)
}

// failures collects the failures of one check over many items, printing only the first few.
type failures struct {
	c     *checker
	count int
}

func (f *failures) add(format string, args ...interface{}) {
	f.count++
	if f.count <= maxReported {
		f.c.fail(format, args...)
	} else {
		f.c.failures++
	}
}

func (f *failures) summary(what string) {
	if f.count > maxReported {
		fmt.Fprintf(os.Stderr, "FAIL: ... %d more failures of %s\n", f.count-maxReported, what)
	}
}

func (c *checker) get(url string) ([]byte, error) {
	resp, err := c.client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %v", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %.200s", url, resp.Status, body)
	}
	return body, nil
}

func (c *checker) getJSON(url string, into interface{}) error {
	body, err := c.get(url)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, into); err != nil {
		return fmt.Errorf("GET %s: %v", url, err)
	}
	return nil
}

// checkpoint is the body of a C2SP tlog-checkpoint.
type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

// parseCheckpoint parses a checkpoint body: origin, decimal size without leading zeroes, base64
// root, then optional extension lines.
func parseCheckpoint(text string) (checkpoint, error) {
	var cp checkpoint
	if !strings.HasSuffix(text, "\n") {
		return cp, errors.New("the checkpoint text does not end in a newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return cp, fmt.Errorf("the checkpoint has %d lines, want at least 3", len(lines))
	}
	for i, line := range lines {
		if line == "" {
			return cp, fmt.Errorf("checkpoint line %d is empty", i+1)
		}
	}
	cp.origin = lines[0]
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return cp, fmt.Errorf("checkpoint line 2 %q is not a tree size in canonical decimal", lines[1])
	}
	cp.size = size
	root, err := decodeHash(lines[2])
	if err != nil {
		return cp, fmt.Errorf("checkpoint line 3: %v", err)
	}
	cp.root = root
	return cp, nil
}

func decodeHash(s string) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != tlog.HashSize || base64.StdEncoding.EncodeToString(b) != s {
		return h, fmt.Errorf("%q is not the standard base64 of a 32-byte hash", s)
	}
	copy(h[:], b)
	return h, nil
}

func encodeHash(h tlog.Hash) string { return base64.StdEncoding.EncodeToString(h[:]) }

// tilePath maps an x/mod tile (tile/8/L/N[.p/W]) to its C2SP path (tile/L/N[.p/W]); with height
// 8 the contents are identical. Data tiles (L = -1) map to the C2SP entry bundles.
func tilePath(t tlog.Tile) string {
	if t.L == -1 {
		return "tile/entries/" + strings.TrimPrefix(t.Path(), "tile/8/data/")
	}
	return "tile/" + strings.TrimPrefix(t.Path(), "tile/8/")
}

// tileReader is a tlog.TileReader over the served hash tiles. Tiles are immutable, so each is
// fetched once.
type tileReader struct {
	c     *checker
	base  string
	cache map[string][]byte
}

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		if t.H != tileHeight {
			return nil, fmt.Errorf("tile of height %d requested", t.H)
		}
		b, err := r.read(tilePath(t))
		if err != nil {
			return nil, err
		}
		data[i] = b
	}
	return data, nil
}

func (r *tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func (r *tileReader) read(path string) ([]byte, error) {
	if b, ok := r.cache[path]; ok {
		return b, nil
	}
	b, err := r.c.get(r.base + "/" + path)
	if err != nil {
		return nil, err
	}
	r.cache[path] = b
	return b, nil
}

// decodeBundle splits a C2SP entry bundle: big-endian uint16 length-prefixed entries.
func decodeBundle(data []byte) ([][]byte, error) {
	var entries [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, errors.New("a truncated length prefix")
		}
		n := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+n {
			return nil, fmt.Errorf("entry %d is truncated", len(entries))
		}
		entries = append(entries, data[2:2+n])
		data = data[2+n:]
	}
	return entries, nil
}

// storedHashes is a tlog.HashReader over hashes kept in memory, in stored-hash order.
type storedHashes []tlog.Hash

func (s *storedHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(*s)) {
			return nil, fmt.Errorf("stored hash %d not derived yet", x)
		}
		out[i] = (*s)[x]
	}
	return out, nil
}

// sampleIndices returns sorted distinct indices below size: the first and last entries, those
// at the first tile boundary, and `samples` drawn with `seed`.
func sampleIndices(size int64, seed int64, samples int) []int64 {
	set := map[int64]bool{}
	for _, i := range []int64{0, 255, 256, size - 1} {
		if i >= 0 && i < size {
			set[i] = true
		}
	}
	random := rand.New(rand.NewSource(seed))
	for k := 0; k < samples && size > 0; k++ {
		set[random.Int63n(size)] = true
	}
	var out []int64
	for i := range set {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}

func (c *checker) run(base, vkey, origin, api string, oldSize int64, oldRootText string, seed int64, samples int) {
	// 1. The checkpoint: a signed note the Go client opens with the verifier key.
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		c.fatal("note.NewVerifier(%q): %v", vkey, err)
	}
	if origin == "" {
		origin = verifier.Name()
	}
	raw, err := c.get(base + "/checkpoint")
	if err != nil {
		c.fatal("fetching the checkpoint: %v", err)
	}
	n, err := note.Open(raw, note.VerifierList(verifier))
	if err != nil {
		c.fatal("note.Open rejected the checkpoint: %v\n%s", err, strings.TrimSuffix(string(raw), "\n"))
	}
	cp, err := parseCheckpoint(n.Text)
	if err != nil {
		c.fatal("%v\n%s", err, strings.TrimSuffix(string(raw), "\n"))
	}
	if cp.origin != origin {
		c.fatal("the checkpoint's origin is %q, want %q", cp.origin, origin)
	}
	if cp.size == 0 {
		c.fatal("the checkpoint is of an empty log: nothing to verify")
	}
	ok("checkpoint %s size %d root %s, signed by %s+%08x", cp.origin, cp.size, encodeHash(cp.root), verifier.Name(), verifier.KeyHash())

	tree := tlog.Tree{N: cp.size, Hash: cp.root}
	tiles := &tileReader{c: c, base: base, cache: map[string][]byte{}}

	// 2. The entry bundles of this size, and the stored hashes derived from them.
	entries := make([][]byte, 0, cp.size)
	for start := int64(0); start < cp.size; start += 1 << tileHeight {
		width := cp.size - start
		if width > 1<<tileHeight {
			width = 1 << tileHeight
		}
		path := tilePath(tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(width)})
		data, err := tiles.read(path)
		if err != nil {
			c.fatal("fetching entry bundle: %v", err)
		}
		bundle, err := decodeBundle(data)
		if err != nil {
			c.fatal("entry bundle %s: %v", path, err)
		}
		if int64(len(bundle)) != width {
			c.fatal("entry bundle %s holds %d entries, want %d", path, len(bundle), width)
		}
		entries = append(entries, bundle...)
	}
	derived := storedHashes{}
	for i, entry := range entries {
		hashes, err := tlog.StoredHashes(int64(i), entry, &derived)
		if err != nil {
			c.fatal("tlog.StoredHashes(%d): %v", i, err)
		}
		derived = append(derived, hashes...)
	}
	if root, err := tlog.TreeHash(cp.size, &derived); err != nil || root != cp.root {
		c.fail("the entry bundles hash to root %s (%v), the checkpoint says %s", encodeHash(root), err, encodeHash(cp.root))
	} else {
		ok("the %d entries of the entry bundles hash to the checkpoint's root", cp.size)
	}

	// 3. The tree hash through tlog.TileHashReader, which authenticates the tiles it reads.
	hashReader := tlog.TileHashReader(tree, tiles)
	if root, err := tlog.TreeHash(cp.size, hashReader); err != nil {
		c.fail("tlog.TreeHash over the served tiles: %v", err)
	} else if root != cp.root {
		c.fail("tlog.TreeHash over the served tiles is %s, the checkpoint says %s", encodeHash(root), encodeHash(cp.root))
	} else {
		ok("tlog.TreeHash(%d) over the served tiles is the checkpoint's root", cp.size)
	}

	// 4. Inclusion of sampled entries: leaf hash through the tiles, ProveRecord + CheckRecord.
	indices := sampleIndices(cp.size, seed, samples)
	leafFailures := failures{c: c}
	recordFailures := failures{c: c}
	for _, i := range indices {
		recordHash := tlog.RecordHash(entries[i])
		if leaf, err := hashReader.ReadHashes([]int64{tlog.StoredHashIndex(0, i)}); err != nil {
			leafFailures.add("reading the leaf hash of entry %d through the tiles: %v", i, err)
		} else if leaf[0] != recordHash {
			leafFailures.add("entry %d: the level-0 tile holds %s, the entry bundle's entry hashes to %s", i, encodeHash(leaf[0]), encodeHash(recordHash))
		}
		proof, err := tlog.ProveRecord(cp.size, i, hashReader)
		if err != nil {
			recordFailures.add("tlog.ProveRecord(%d, %d): %v", cp.size, i, err)
			continue
		}
		if err := tlog.CheckRecord(proof, cp.size, cp.root, i, recordHash); err != nil {
			recordFailures.add("tlog.CheckRecord for entry %d in size %d: %v", i, cp.size, err)
		}
	}
	leafFailures.summary("leaf hashes")
	recordFailures.summary("record proofs")
	if leafFailures.count == 0 && recordFailures.count == 0 {
		ok("%d entries (seed %d): leaf hash = tlog.RecordHash(entry), tlog.ProveRecord + tlog.CheckRecord", len(indices), seed)
	}

	// 5. Consistency with an earlier checkpoint.
	var oldRoot tlog.Hash
	if oldSize != 0 {
		if oldRoot, err = decodeHash(oldRootText); err != nil {
			c.fatal("-old-root: %v", err)
		}
		if oldSize < 1 || oldSize > cp.size {
			c.fail("the earlier size %d is not in 1..%d", oldSize, cp.size)
		} else if proof, err := tlog.ProveTree(cp.size, oldSize, hashReader); err != nil {
			c.fail("tlog.ProveTree(%d, %d): %v", cp.size, oldSize, err)
		} else if err := tlog.CheckTree(proof, cp.size, cp.root, oldSize, oldRoot); err != nil {
			c.fail("tlog.CheckTree from size %d (%s) to %d: %v", oldSize, oldRootText, cp.size, err)
		} else if root, err := tlog.TreeHash(oldSize, &derived); err != nil || root != oldRoot {
			c.fail("the first %d entries hash to %s, the earlier checkpoint says %s", oldSize, encodeHash(root), oldRootText)
		} else {
			ok("tlog.ProveTree + tlog.CheckTree from size %d to %d", oldSize, cp.size)
		}
	}

	// 6. Every hash tile of this size, re-derived from the entries, equals the served tile:
	// the full tiles and, at each level, the partial tile for this size. (tlog.NewTiles also
	// lists the narrower partial tiles of earlier sizes, which C2SP does not require.)
	tileFailures := failures{c: c}
	var expected []tlog.Tile
	for _, t := range tlog.NewTiles(tileHeight, 0, cp.size) {
		if t.W == 1<<tileHeight || int64(t.W) == cp.size>>(tileHeight*t.L)-t.N<<tileHeight {
			expected = append(expected, t)
		}
	}
	for _, t := range expected {
		want, err := tlog.ReadTileData(t, &derived)
		if err != nil {
			c.fatal("tlog.ReadTileData(%s): %v", tilePath(t), err)
		}
		got, err := tiles.read(tilePath(t))
		if err != nil {
			tileFailures.add("%v", err)
			continue
		}
		if string(got) != string(want) {
			tileFailures.add("served tile %s differs from the tile re-derived from the entry bundles (%d bytes served, %d derived, first difference at byte %d)", tilePath(t), len(got), len(want), firstDifference(got, want))
		}
	}
	tileFailures.summary("hash tiles")
	if tileFailures.count == 0 {
		ok("all %d hash tiles of size %d equal the tiles re-derived from the entry bundles", len(expected), cp.size)
	}

	// 7. The JSON API and the receipts, checked with the same client.
	if api != "" {
		c.checkAPI(api, cp, entries, indices, oldSize, oldRoot, verifier)
	}

	if c.failures == 0 {
		fmt.Printf("verified size=%d root=%s\n", cp.size, encodeHash(cp.root))
	}
}

func firstDifference(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) < len(b) {
		return len(a)
	}
	return len(b)
}

// checkAPI checks the server's JSON entries, inclusion and consistency proofs and receipts.
func (c *checker) checkAPI(api string, cp checkpoint, entries [][]byte, indices []int64, oldSize int64, oldRoot tlog.Hash, verifier note.Verifier) {
	apiFailures := failures{c: c}
	for _, i := range indices {
		recordHash := tlog.RecordHash(entries[i])

		var entry struct {
			Index    int64  `json:"index"`
			Entry    string `json:"entry"`
			LeafHash string `json:"leaf_hash"`
		}
		if err := c.getJSON(fmt.Sprintf("%s/entries/%d", api, i), &entry); err != nil {
			apiFailures.add("%v", err)
		} else if entry.Index != i || entry.Entry != string(entries[i]) || entry.LeafHash != encodeHash(recordHash) {
			apiFailures.add("GET entries/%d: index %d, leaf_hash %s differ from entry %d of the bundle (leaf hash %s)", i, entry.Index, entry.LeafHash, i, encodeHash(recordHash))
		}

		var inclusion struct {
			Index    int64    `json:"index"`
			Size     int64    `json:"size"`
			LeafHash string   `json:"leaf_hash"`
			Root     string   `json:"root"`
			Proof    []string `json:"proof"`
		}
		if err := c.getJSON(fmt.Sprintf("%s/proofs/inclusion?index=%d&size=%d", api, i, cp.size), &inclusion); err != nil {
			apiFailures.add("%v", err)
		} else if proof, err := decodeHashes(inclusion.Proof); err != nil {
			apiFailures.add("inclusion proof of entry %d: %v", i, err)
		} else if inclusion.Index != i || inclusion.Size != cp.size || inclusion.Root != encodeHash(cp.root) || inclusion.LeafHash != encodeHash(recordHash) {
			apiFailures.add("inclusion proof of entry %d: index %d size %d root %s leaf %s do not match the checkpoint and the entry", i, inclusion.Index, inclusion.Size, inclusion.Root, inclusion.LeafHash)
		} else if err := tlog.CheckRecord(tlog.RecordProof(proof), cp.size, cp.root, i, recordHash); err != nil {
			apiFailures.add("tlog.CheckRecord rejected the server's inclusion proof of entry %d in size %d: %v", i, cp.size, err)
		}

		c.checkReceipt(api, i, recordHash, verifier, &apiFailures)
	}

	if oldSize != 0 {
		var consistency struct {
			From     int64    `json:"from"`
			To       int64    `json:"to"`
			FromRoot string   `json:"from_root"`
			ToRoot   string   `json:"to_root"`
			Proof    []string `json:"proof"`
		}
		if err := c.getJSON(fmt.Sprintf("%s/proofs/consistency?from=%d&to=%d", api, oldSize, cp.size), &consistency); err != nil {
			apiFailures.add("%v", err)
		} else if proof, err := decodeHashes(consistency.Proof); err != nil {
			apiFailures.add("consistency proof %d to %d: %v", oldSize, cp.size, err)
		} else if consistency.From != oldSize || consistency.To != cp.size || consistency.FromRoot != encodeHash(oldRoot) || consistency.ToRoot != encodeHash(cp.root) {
			apiFailures.add("consistency proof: from %d (%s) to %d (%s) do not match the checkpoints", consistency.From, consistency.FromRoot, consistency.To, consistency.ToRoot)
		} else if err := tlog.CheckTree(tlog.TreeProof(proof), cp.size, cp.root, oldSize, oldRoot); err != nil {
			apiFailures.add("tlog.CheckTree rejected the server's consistency proof %d to %d: %v", oldSize, cp.size, err)
		}
	}
	apiFailures.summary("API checks")
	if apiFailures.count == 0 {
		ok("API: %d entries, inclusion proofs and tlog-proof receipts pass tlog.CheckRecord", len(indices))
		if oldSize != 0 {
			ok("API: the consistency proof %d to %d passes tlog.CheckTree", oldSize, cp.size)
		}
	}
}

// checkReceipt checks a C2SP tlog-proof receipt: the header line, "index N", the inclusion proof
// (one base64 hash per line), an empty line, then a checkpoint that note.Open accepts.
func (c *checker) checkReceipt(api string, i int64, recordHash tlog.Hash, verifier note.Verifier, f *failures) {
	body, err := c.get(fmt.Sprintf("%s/receipts/%d", api, i))
	if err != nil {
		f.add("%v", err)
		return
	}
	head, signed, found := strings.Cut(string(body), "\n\n")
	lines := strings.Split(head, "\n")
	if !found || len(lines) < 2 || lines[0] != "c2sp.org/tlog-proof@v1" || lines[1] != "index "+strconv.FormatInt(i, 10) {
		f.add("receipt %d is not a c2sp.org/tlog-proof@v1 for index %d:\n%s", i, i, body)
		return
	}
	proof, err := decodeHashes(lines[2:])
	if err != nil {
		f.add("receipt %d: %v", i, err)
		return
	}
	n, err := note.Open([]byte(signed), note.VerifierList(verifier))
	if err != nil {
		f.add("receipt %d: note.Open rejected its checkpoint: %v", i, err)
		return
	}
	cp, err := parseCheckpoint(n.Text)
	if err != nil {
		f.add("receipt %d: %v", i, err)
		return
	}
	if err := tlog.CheckRecord(tlog.RecordProof(proof), cp.size, cp.root, i, recordHash); err != nil {
		f.add("receipt %d: tlog.CheckRecord in size %d: %v", i, cp.size, err)
	}
}

func decodeHashes(texts []string) ([]tlog.Hash, error) {
	hashes := make([]tlog.Hash, len(texts))
	for k, text := range texts {
		h, err := decodeHash(text)
		if err != nil {
			return nil, err
		}
		hashes[k] = h
	}
	return hashes, nil
}
