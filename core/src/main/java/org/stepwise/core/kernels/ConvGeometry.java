// The shape arithmetic of one 2-D convolution over a (channels, height, width) image.
package org.stepwise.core.kernels;

public record ConvGeometry(int channels, int height, int width, int kernelHeight, int kernelWidth,
                           int stride, int padding) {
    public ConvGeometry {
        if (channels <= 0 || height <= 0 || width <= 0 || kernelHeight <= 0 || kernelWidth <= 0 || stride <= 0
                || padding < 0) {
            throw new IllegalArgumentException("Invalid convolution geometry " + this);
        }
        if (height + 2 * padding < kernelHeight || width + 2 * padding < kernelWidth) {
            throw new IllegalArgumentException("A " + kernelHeight + "×" + kernelWidth + " kernel does not fit a "
                    + height + "×" + width + " image with padding " + padding);
        }
    }

    public int outHeight() {
        return (height + 2 * padding - kernelHeight) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernelWidth) / stride + 1;
    }

    /** Rows of the im2col matrix: one per (channel, kernel row, kernel column). */
    public int columnRows() {
        return channels * kernelHeight * kernelWidth;
    }

    /** Columns of the im2col matrix: one per output pixel. */
    public int columnCols() {
        return outHeight() * outWidth();
    }

    public int imageSize() {
        return channels * height * width;
    }
}
