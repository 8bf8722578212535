package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/leadgen/leadgen/scoring"
)

// loadScoringFile reads scoring weights from a YAML file over the defaults
// (LEADGEN_SCORING_FILE); "" means no file. Unknown keys and values the
// model cannot use are errors, so a typo never passes silently.
func loadScoringFile(path string) (*scoring.Weights, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("scoring file: %w", err)
	}
	w := scoring.DefaultWeights()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("scoring file %s: %w", path, err)
	}
	if err := w.Validate(); err != nil {
		return nil, fmt.Errorf("scoring file %s: %w", path, err)
	}
	return &w, nil
}
