package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/collabgraph/collabgraph/loader"
)

func init() {
	commands["train"] = command{
		summary: "rebuild the loader's trained stages from corpus/ (writes " + loader.WeightsFile + ")",
		run:     func(ctx context.Context, args []string) error { return runTrain(args, os.Stdout, os.Stderr) },
	}
}

// runTrain is the train command: it learns the trained stages from the
// repository's annotated documents and writes the weights the loader
// embeds. Run it from the repository root, then rebuild.
func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "the repository root, holding corpus/, seeds/ and loader/")
	out := fs.String("out", "", "where to write the weights (default ROOT/"+loader.WeightsFile+")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: collabgraph train [--root DIR] [--out FILE]\n\nLearns from corpus/'s train split, seeds/ and loader/testdata/external.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		*out = filepath.Join(*root, loader.WeightsFile)
	}
	docs, err := loader.TrainingSet(*root)
	if err != nil {
		return err
	}
	b, st, err := loader.Train(docs, loader.DefaultTrainOptions, nil)
	if err != nil {
		return err
	}
	data := b.Bytes()
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained on %d documents: %d gold relations, %d within reach of a candidate or a rule; %d candidate pairs (%d related); %d statements for status\n",
		st.Documents, st.GoldRelations, st.ReachableRelations, st.PairExamples, st.PairPositives, st.StatusExamples)
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, len(data))
	return nil
}
