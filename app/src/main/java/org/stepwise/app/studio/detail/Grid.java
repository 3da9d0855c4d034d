// How a node's flat buffer is laid out on a heatmap: one batch × units matrix, one feature-map tile per channel of
// a sample, the positions × width of one sample of a sequence, or a layer's weights (units × inputs, or one k×k
// filter tile per output and input channel). Every layout reads contiguous tiles of rows × cols values starting at
// {@code base}, so a cell's index is arithmetic.
package org.stepwise.app.studio.detail;

import org.stepwise.app.studio.StepSnapshot.NodeState;
import org.stepwise.core.tensor.Shape;

/**
 * @param kind   what rows, columns and tiles stand for, which the hover text names
 * @param tiles  how many tiles (1 for a plain matrix)
 * @param rows   rows of each tile
 * @param cols   columns of each tile
 * @param across tiles per row of tiles
 * @param base   where the first tile starts in the buffer
 * @param sample the sample a feature-map layout shows (−1 for the others)
 */
record Grid(Kind kind, int tiles, int rows, int cols, int across, int base, int sample) {

    enum Kind {
        /** rows = samples, cols = units (or features) of a vector-shaped node */
        BATCH,
        /** tile = channel, rows × cols = the image of one sample */
        MAPS,
        /** rows = positions, cols = values at each position, of one sample of a (T, D) sequence */
        SEQUENCE,
        /** rows = units, cols = inputs: a dense layer's weight matrix */
        MATRIX,
        /** tile = (filter, input channel), rows × cols = the k×k kernel */
        FILTERS,
        /** rows = units (or channels): a bias or any vector parameter, as one column */
        COLUMN
    }

    /** The index of a cell in the buffer. */
    int index(int tile, int row, int col) {
        return base + (tile * rows + row) * cols + col;
    }

    /** Values the layout shows, all from {@code base}. */
    int size() {
        return tiles * rows * cols;
    }

    int tileRows() {
        return (tiles + across - 1) / across;
    }

    /**
     * Images as feature maps of one sample, a sequence as the positions × width of one sample, anything else as a
     * batch × values matrix.
     */
    static Grid of(NodeState node, int sample) {
        Shape s = node.shape();
        int clamped = Math.max(0, Math.min(sample, node.rows() - 1));
        if (s.rank() == 3) {
            int channels = s.dim(0);
            return new Grid(Kind.MAPS, channels, s.dim(1), s.dim(2), across(channels), clamped * s.size(), clamped);
        }
        if (s.rank() == 2) {
            return new Grid(Kind.SEQUENCE, 1, s.dim(0), s.dim(1), 1, clamped * s.size(), clamped);
        }
        return new Grid(Kind.BATCH, 1, Math.max(1, node.rows()), s.size(), 1, 0, -1);
    }

    /** Filters as k×k tiles (out × in), a matrix as itself, anything else as one column. */
    static Grid ofParam(Shape s) {
        return switch (s.rank()) {
            case 4 -> new Grid(Kind.FILTERS, s.dim(0) * s.dim(1), s.dim(2), s.dim(3), s.dim(1), 0, -1);
            case 2 -> new Grid(Kind.MATRIX, 1, s.dim(0), s.dim(1), 1, 0, -1);
            default -> new Grid(Kind.COLUMN, 1, s.size(), 1, 1, 0, -1);
        };
    }

    /** Feature maps in rows of at most 8, balanced: 6 channels make 6 across, 16 make 2 rows of 8. */
    private static int across(int channels) {
        int rowsOfTiles = (channels + 7) / 8;
        return (channels + rowsOfTiles - 1) / rowsOfTiles;
    }
}
