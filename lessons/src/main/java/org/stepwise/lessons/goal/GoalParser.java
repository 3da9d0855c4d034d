// Reads a goal's text into an Expr, checking every name against Variables and Events and every comparison against
// the variable's type. Nothing in a goal can call code: it is words, numbers, comparisons, and/or/not, parentheses.
//
//   goal    := or
//   or      := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | "(" or ")" | event | name [op value]
//   event   := "event" ":" word ["(" word | string ")"]
//   value   := number | string | "true" | "false" | word
package org.stepwise.lessons.goal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stepwise.core.io.DidYouMean;

final class GoalParser {
    /** A goal is one line for a person to read; far longer is a mistake. */
    static final int MAX_LENGTH = 1000;
    /** Nesting of parentheses and "not"; deeper would only exhaust the stack. */
    private static final int MAX_DEPTH = 32;
    private static final List<String> KEYWORDS = List.of("and", "or", "not", "event", "true", "false");

    private enum Kind { WORD, NUMBER, STRING, OP, OPEN, CLOSE, COLON, END }

    private record Token(Kind kind, String text, int column) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }
    }

    private final List<Token> tokens;
    private int position;
    private int depth;

    private GoalParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expr parse(String text) {
        if (text.isBlank()) {
            throw new GoalException(1, "the goal is empty; write a condition such as val_accuracy >= 0.9");
        }
        if (text.length() > MAX_LENGTH) {
            throw new GoalException(MAX_LENGTH, "the goal is longer than " + MAX_LENGTH + " characters");
        }
        GoalParser parser = new GoalParser(tokenize(text));
        Expr expr = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new GoalException(rest.column(), "unexpected '" + rest.text() + "'; join conditions with "
                    + "'and' or 'or'");
        }
        return expr;
    }

    // ---- grammar

    private Expr or() {
        Expr left = and();
        while (peek().is("or")) {
            position++;
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = unary();
        while (peek().is("and")) {
            position++;
            left = new Expr.And(left, unary());
        }
        return left;
    }

    private Expr unary() {
        Token t = next();
        if (++depth > MAX_DEPTH) {
            throw new GoalException(t.column(), "the goal nests more than " + MAX_DEPTH + " levels deep");
        }
        try {
            if (t.is("not")) {
                return new Expr.Not(unary());
            }
            if (t.kind() == Kind.OPEN) {
                Expr inner = or();
                Token close = next();
                if (close.kind() != Kind.CLOSE) {
                    throw new GoalException(close.column(), "expected ')' to close the '(' at column "
                            + t.column() + ", not " + describe(close));
                }
                return inner;
            }
            if (t.is("event")) {
                return event(t);
            }
            if (t.kind() == Kind.WORD && !KEYWORDS.contains(t.text())) {
                return comparison(t);
            }
            throw new GoalException(t.column(), "expected a condition such as loss < 0.5, not " + describe(t));
        } finally {
            depth--;
        }
    }

    private Expr event(Token keyword) {
        Token colon = next();
        if (colon.kind() != Kind.COLON) {
            throw new GoalException(colon.column(), "write events as 'event: name', with a colon after 'event'");
        }
        Token name = next();
        if (name.kind() != Kind.WORD) {
            throw new GoalException(name.column(), "expected an event name after 'event:', not " + describe(name));
        }
        Events.Event event = Events.find(name.text()).orElseThrow(() -> new GoalException(name.column(),
                "unknown event '" + name.text() + "'" + hintOrList(name.text(), Events.names())));
        if (peek().kind() != Kind.OPEN) {
            return new Expr.Event(event.name(), null);
        }
        Token open = next();
        if (event.argument() == null) {
            throw new GoalException(open.column(), "the event '" + event.name() + "' takes no argument");
        }
        Token argument = next();
        if (argument.kind() != Kind.WORD && argument.kind() != Kind.STRING) {
            throw new GoalException(argument.column(), "expected the " + event.argument() + " inside "
                    + event.name() + "(...), not " + describe(argument));
        }
        if (!event.values().isEmpty() && !event.values().contains(argument.text())) {
            throw new GoalException(argument.column(), "unknown " + event.argument() + " '" + argument.text() + "'"
                    + hintOrList(argument.text(), event.values()));
        }
        Token close = next();
        if (close.kind() != Kind.CLOSE) {
            throw new GoalException(close.column(), "expected ')' after the " + event.argument() + ", not "
                    + describe(close));
        }
        return new Expr.Event(event.name(), argument.text());
    }

    private Expr comparison(Token name) {
        Variables.Match left = variable(name);
        Variables.Type type = left.variable().type();
        if (peek().kind() != Kind.OP) {
            if (type == Variables.Type.FLAG) {
                return new Expr.Flag(left);
            }
            throw new GoalException(name.column(), "'" + name.text() + "' is " + article(type) + "; compare it, "
                    + "as in " + example(left, name.text()));
        }
        Token opToken = next();
        Expr.Op op = op(opToken);
        Token value = next();
        if (type != Variables.Type.NUMBER && op != Expr.Op.EQ && op != Expr.Op.NE) {
            throw new GoalException(opToken.column(), "'" + name.text() + "' is " + article(type) + ": compare it "
                    + "with == or !=, not " + op.symbol);
        }
        return new Expr.Compare(left, op, switch (type) {
            case NUMBER -> numberOperand(name, value);
            case TEXT -> textOperand(left, name, value);
            case FLAG -> {
                if (!value.is("true") && !value.is("false")) {
                    throw new GoalException(value.column(), "'" + name.text() + "' is true or false, not "
                            + describe(value));
                }
                yield new Expr.Bool(value.is("true"));
            }
        });
    }

    private Expr.Operand numberOperand(Token name, Token value) {
        if (value.kind() == Kind.NUMBER) {
            return new Expr.Number(Double.parseDouble(value.text()));
        }
        if (value.kind() == Kind.WORD && !KEYWORDS.contains(value.text())) {
            Variables.Match right = variable(value);
            if (right.variable().type() != Variables.Type.NUMBER) {
                throw new GoalException(value.column(), "'" + name.text() + "' is a number but '" + value.text()
                        + "' is " + article(right.variable().type()));
            }
            return new Expr.Variable(right);
        }
        throw new GoalException(value.column(), "'" + name.text() + "' is a number: compare it with a number such "
                + "as 0.5, not " + describe(value));
    }

    private Expr.Operand textOperand(Variables.Match left, Token name, Token value) {
        if (value.kind() != Kind.WORD && value.kind() != Kind.STRING) {
            throw new GoalException(value.column(), "'" + name.text() + "' is text: compare it with a word or a "
                    + "quoted string, not " + describe(value));
        }
        List<String> allowed = left.variable().values();
        if (!allowed.isEmpty() && !allowed.contains(value.text())) {
            throw new GoalException(value.column(), "'" + name.text() + "' is never '" + value.text() + "'"
                    + hintOrList(value.text(), allowed));
        }
        return new Expr.Text(value.text());
    }

    private static Variables.Match variable(Token name) {
        return Variables.match(name.text()).orElseThrow(() -> new GoalException(name.column(),
                "unknown variable '" + name.text() + "'" + DidYouMean.hint(name.text(), candidates(name.text()))
                        + "; FORMAT.md lists the variables"));
    }

    /** The catalogue's names with their placeholders filled from the given name, so a typo finds its fix. */
    private static List<String> candidates(String given) {
        String[] parts = given.split("\\.", -1);
        List<String> out = new ArrayList<>();
        for (Variables.Variable v : Variables.all()) {
            String[] pattern = v.pattern().split("\\.");
            if (pattern.length != parts.length) {
                out.add(v.pattern());
                continue;
            }
            for (int i = 0; i < pattern.length; i++) {
                if (pattern[i].startsWith("<")) {
                    pattern[i] = parts[i];
                }
            }
            out.add(String.join(".", pattern));
        }
        return out;
    }

    private static Expr.Op op(Token t) {
        for (Expr.Op op : Expr.Op.values()) {
            if (op.symbol.equals(t.text())) {
                return op;
            }
        }
        throw new IllegalStateException("The tokenizer made an unknown operator " + t.text());
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token t = tokens.get(position);
        if (t.kind() != Kind.END) {
            position++;
        }
        return t;
    }

    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ':') {
                out.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COLON, String.valueOf(c),
                        column));
                i++;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                boolean twoChars = i + 1 < n && text.charAt(i + 1) == '=';
                if ((c == '=' || c == '!') && !twoChars) {
                    throw new GoalException(column, c == '=' ? "use == to compare, not =" : "use 'not' to negate, "
                            + "or != to compare");
                }
                out.add(new Token(Kind.OP, text.substring(i, twoChars ? i + 2 : i + 1), column));
                i += twoChars ? 2 : 1;
            } else if (c == '"' || c == '\'') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new GoalException(column, "the string starting here has no closing " + c);
                }
                out.add(new Token(Kind.STRING, text.substring(i + 1, end), column));
                i = end + 1;
            } else if (startsNumber(text, i)) {
                int end = i + 1;
                while (end < n && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.'
                        || ((text.charAt(end) == 'e' || text.charAt(end) == 'E')) || ((text.charAt(end) == '-'
                        || text.charAt(end) == '+') && (text.charAt(end - 1) == 'e' || text.charAt(end - 1) == 'E')))) {
                    end++;
                }
                String number = text.substring(i, end);
                if (!number.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new GoalException(column, "'" + number + "' is not a number");
                }
                out.add(new Token(Kind.NUMBER, number, column));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end)) || "_.-".indexOf(text.charAt(end)) >= 0)) {
                    end++;
                }
                out.add(new Token(Kind.WORD, text.substring(i, end), column));
                i = end;
            } else if (c == '&' || c == '|') {
                throw new GoalException(column, "write 'and' and 'or' as words, not " + c + c);
            } else {
                throw new GoalException(column, "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "", n + 1));
        return out;
    }

    private static boolean startsNumber(String text, int i) {
        char c = text.charAt(i);
        if (Character.isDigit(c)) {
            return true;
        }
        boolean sign = c == '-' || c == '+';
        int j = sign ? i + 1 : i;
        if (j < text.length() && text.charAt(j) == '.') {
            j++;
        }
        return (sign || c == '.') && j < text.length() && Character.isDigit(text.charAt(j));
    }

    // ---- words for messages

    private static String describe(Token t) {
        return switch (t.kind()) {
            case END -> "the end of the goal";
            case STRING -> "the string \"" + t.text() + "\"";
            default -> "'" + t.text() + "'";
        };
    }

    private static String article(Variables.Type type) {
        return switch (type) {
            case NUMBER -> "a number";
            case TEXT -> "text";
            case FLAG -> "true or false";
        };
    }

    private static String example(Variables.Match match, String name) {
        return switch (match.variable().type()) {
            case NUMBER -> name + " >= 0.9";
            case TEXT -> name + " == " + (match.variable().values().isEmpty() ? "\"hidden1\""
                    : match.variable().values().get(Math.min(1, match.variable().values().size() - 1)));
            case FLAG -> name;
        };
    }

    private static String hintOrList(String given, List<String> known) {
        String hint = DidYouMean.hint(given.toLowerCase(Locale.ROOT), known);
        return hint.isEmpty() ? "; use one of " + String.join(", ", known) : hint;
    }
}
