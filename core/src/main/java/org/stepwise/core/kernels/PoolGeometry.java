// The shape arithmetic of one max-pool over a (channels, height, width) image; windows that overhang are dropped.
package org.stepwise.core.kernels;

public record PoolGeometry(int channels, int height, int width, int size, int stride) {
    public PoolGeometry {
        if (channels <= 0 || height <= 0 || width <= 0 || size <= 0 || stride <= 0 || size > height || size > width) {
            throw new IllegalArgumentException("Invalid pooling geometry " + this);
        }
    }

    public int outHeight() {
        return (height - size) / stride + 1;
    }

    public int outWidth() {
        return (width - size) / stride + 1;
    }

    public int inputSize() {
        return channels * height * width;
    }

    public int outputSize() {
        return channels * outHeight() * outWidth();
    }
}
