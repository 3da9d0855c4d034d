// The three matrix-product layouts training needs; every operand is contiguous row-major.
package org.stepwise.core.kernels;

public enum GemmLayout {
    /** C(m×n) = A(m×k) · B(k×n): the forward pass of a dense layer. */
    AB,
    /** C(m×n) = Aᵀ · B with A stored (k×m) and B (k×n): weight gradients, Xᵀ·δ. */
    ATB,
    /** C(m×n) = A · Bᵀ with A stored (m×k) and B (n×k): input gradients, δ·Wᵀ. */
    ABT
}
