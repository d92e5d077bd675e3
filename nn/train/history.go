package train

// History is a bounded, downsampled copy of a run's records, for charts of a run of any length: at most
// Max records, each standing for Stride consecutive steps (the last one for up to Stride). A merged
// record has the mean loss and auxiliary loss, the largest gradient norms (a spike stays visible), Clipped
// if any step was clipped, and the last step's number, learning rate, wall time and skip reason. When the
// history is full, neighbours merge in pairs and the stride doubles, so it holds between Max/2 and Max
// records. The zero History is not usable; make one with NewHistory.
type History struct {
	max     int
	recs    []Record
	n       []int // steps merged into each record
	stride  int
	steps   int // records added
	clipped int // of which clipped
	skipped int // of which skipped
}

// NewHistory returns an empty history of at most max records (max ≥ 2).
func NewHistory(max int) *History {
	max = (max + 1) &^ 1
	return &History{max: max, stride: 1, recs: make([]Record, 0, max), n: make([]int, 0, max)}
}

// Add appends one step's record.
func (h *History) Add(rec Record) {
	h.steps++
	if rec.Clipped {
		h.clipped++
	}
	if rec.Skipped != "" {
		h.skipped++
	}
	if k := len(h.recs) - 1; k >= 0 && h.n[k] < h.stride {
		h.recs[k] = merge(h.recs[k], h.n[k], rec, 1)
		h.n[k]++
		return
	}
	if len(h.recs) == h.max {
		h.halve()
	}
	h.recs, h.n = append(h.recs, rec), append(h.n, 1)
}

// halve merges neighbours in pairs and doubles the stride.
func (h *History) halve() {
	k := 0
	for i := 0; i < len(h.recs); i += 2 {
		r, n := h.recs[i], h.n[i]
		if i+1 < len(h.recs) {
			r, n = merge(r, n, h.recs[i+1], h.n[i+1]), n+h.n[i+1]
		}
		h.recs[k], h.n[k] = r, n
		k++
	}
	h.recs, h.n = h.recs[:k], h.n[:k]
	h.stride *= 2
}

// merge is the record of a's na steps followed by b's nb.
func merge(a Record, na int, b Record, nb int) Record {
	wa, wb := float64(na)/float64(na+nb), float64(nb)/float64(na+nb)
	b.Loss = wa*a.Loss + wb*b.Loss
	b.AuxLoss = wa*a.AuxLoss + wb*b.AuxLoss
	b.GradNorm = max(a.GradNorm, b.GradNorm) // NaN if either is: a diverged step stays visible
	b.PostNorm = max(a.PostNorm, b.PostNorm)
	b.Clipped = a.Clipped || b.Clipped
	if b.Skipped == "" {
		b.Skipped = a.Skipped
	}
	return b
}

// Records returns the merged records, oldest first (the history's own slice: read, don't keep across Add).
func (h *History) Records() []Record { return h.recs }

// Stride is how many steps each record stands for.
func (h *History) Stride() int { return h.stride }

// Steps is the number of records added; Clipped and Skipped how many of them were clipped and skipped.
func (h *History) Steps() int   { return h.steps }
func (h *History) Clipped() int { return h.clipped }
func (h *History) Skipped() int { return h.skipped }
