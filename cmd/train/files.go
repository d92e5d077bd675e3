package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// maxConfigBytes bounds a -config file: a configuration whose text (task.MaxText) JSON escapes at up to
// 6 bytes a byte, and room for the rest.
const maxConfigBytes = 8 << 20

// readLimited reads the file at path given to -flag, refusing one larger than limit bytes with an error
// that names the flag and the limit. It reads at most limit+1 bytes whatever the file is (/dev/zero, a
// pipe), so memory stays within about twice the limit.
func readLimited(flag, path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("-%s: %v", flag, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return nil, usagef("-%s: %s is a directory", flag, path)
		}
		if fi.Mode().IsRegular() && fi.Size() > limit {
			return nil, usagef("-%s: %s has %d bytes, the limit is %s", flag, path, fi.Size(), bytesString(limit))
		}
	}
	return readAllLimited(flag, path, f, limit)
}

// readAllLimited reads r (named name) to the end, or fails once it passes limit bytes.
func readAllLimited(flag, name string, r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, usagef("-%s: %v", flag, err)
	}
	if int64(len(data)) > limit {
		return nil, usagef("-%s: %s is larger than the limit of %s", flag, name, bytesString(limit))
	}
	return data, nil
}

// bytesString writes a limit in the unit that reads best: 1 MiB, 262 MiB, 800 bytes.
func bytesString(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB (%d bytes)", float64(n)/(1<<20), n)
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkOutputFile makes sure that -flag's file can be written, before any training: it is not a
// directory, and its folder exists and takes a new file (the atomic write's temporary one).
func checkOutputFile(flag, path string) error {
	if path == "-" && (flag == "out" || flag == "csv") {
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usagef("-%s: %s is a directory (give a file name)", flag, path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return usagef("-%s: cannot write %s: %v", flag, path, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// checkOutputDir makes -flag's directory (if it is missing) and checks that it takes new files.
func checkOutputDir(flag, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("-%s: %v", flag, err)
	}
	return checkOutputFile(flag, filepath.Join(dir, "probe"))
}

// atomicFile is an output written to a temporary file in its folder and renamed into place by Commit, so
// that the file named is either the previous one or complete.
type atomicFile struct {
	*os.File
	path string
}

// createAtomic starts writing path.
func createAtomic(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &atomicFile{f, path}, nil
}

// Commit closes the file and renames it into place.
func (a *atomicFile) Commit() error {
	if err := a.File.Close(); err != nil {
		os.Remove(a.Name())
		return err
	}
	if err := os.Chmod(a.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(a.Name(), a.path)
}

// Abort closes and removes the temporary file.
func (a *atomicFile) Abort() {
	a.File.Close()
	os.Remove(a.Name())
}

// writeAtomic writes path with write, atomically; errors name the flag.
func writeAtomic(flag, path string, write func(io.Writer) error) error {
	a, err := createAtomic(path)
	if err != nil {
		return fmt.Errorf("-%s: %v", flag, err)
	}
	if err := write(a); err != nil {
		a.Abort()
		return fmt.Errorf("-%s: %v", flag, err)
	}
	if err := a.Commit(); err != nil {
		return fmt.Errorf("-%s: %v", flag, err)
	}
	return nil
}
