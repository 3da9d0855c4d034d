// What kind of value an inspector field holds, which decides its editor: a text field, a choice or a check box.
package org.stepwise.app.studio.inspector;

enum FieldKind {
    /** A whole number with a lower bound: units, kernel size, batch size. */
    COUNT,
    /** A decimal number: rates, momentum, epsilon. */
    NUMBER,
    /** Any whole number, as seeds are. */
    SEED,
    /** An input shape typed as "1, 28, 28". */
    SHAPE,
    /** A node's name. */
    NAME,
    /** One of a few ids, shown by their localized labels. */
    CHOICE,
    /** On or off. */
    FLAG,
    /** Shown, never edited: output shape, parameter count. */
    READ_ONLY;

    boolean typed() {
        return this == COUNT || this == NUMBER || this == SEED || this == SHAPE || this == NAME;
    }
}
