//! A tokenizer for the Ruby found in ArchivesSpace's schema files and
//! controller DSL.
//!
//! It decodes string literals with Ruby's escape rules (including heredocs and
//! `%`-literals), keeps `#{...}` interpolations as nested token lists, and
//! applies Ruby's rules for when a line break ends a statement, so consumers
//! can treat [`TokenKind::Newline`] as a statement terminator. Ruby's lexer is
//! context sensitive (`/` may start a regex or divide, `<<` may start a
//! heredoc or shift); the choice here follows Ruby's own rule of thumb: after
//! a value it is an operator, at the start of an expression it is a literal.
//!
//! Every token carries its byte offset, 1-based line and 1-based column (in
//! characters). [`tokenize`] never panics and always terminates: every step
//! consumes input or fails with a located [`Error`].

use std::collections::HashSet;

use super::error::{snippet, Error, ErrorKind};

/// Where a token is in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, in characters.
    pub column: u32,
}

impl Span {
    /// The source text covered by the span (empty if it does not fit `source`).
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    /// For heredocs this covers only the `<<~ID` opener, not the body.
    pub span: Span,
    /// Whether whitespace (or a `\` line join) precedes the token; Ruby uses it
    /// to tell `foo [1]` (argument) from `foo[1]` (indexing).
    pub space_before: bool,
}

/// The kinds of token.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    Int(i64),
    Float(f64),
    /// `"..."`, `'...'`, `%q()`, `%Q()`, `%()`, heredocs and `?c`, decoded.
    Str(StrLit),
    /// `` `...` `` and `%x()`: a shell command in Ruby.
    XStr(StrLit),
    /// `:name`, `:"text"` (without interpolation), `%s()`; the name without `:`.
    Sym(String),
    /// `:"...#{...}..."`.
    DSym(StrLit),
    /// `/.../flags` and `%r{...}flags`; the body is kept raw (escapes are
    /// regex syntax, not string escapes).
    Regex {
        body: StrLit,
        flags: String,
    },
    /// `%w[]` / `%W[]` (strings) and `%i[]` / `%I[]` (symbols).
    Words {
        symbols: bool,
        words: Vec<StrLit>,
    },
    /// A local variable or method name, including a `?`/`!` suffix.
    Ident(String),
    /// A name starting with an uppercase ASCII letter.
    Const(String),
    /// `name:` or `"name":` in a hash or argument list (a symbol key).
    Label(String),
    /// `@name` (with the `@`).
    IVar(String),
    /// `@@name` (with the `@@`).
    CVar(String),
    /// `$name`, `$1`, `$!` (with the `$`).
    GVar(String),
    Keyword(Keyword),
    /// Operators and punctuation, e.g. `"=>"`, `"::"`, `"&."`, `"->"`, `"{"`.
    Punct(&'static str),
    /// A line break that ends a statement. Line breaks that Ruby ignores
    /// (after an operator or `,`, before a line starting with `.`, blank and
    /// comment lines, `\` joins) produce no token.
    Newline,
}

/// A string literal: text with interpolations.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StrLit {
    pub parts: Vec<StrPart>,
}

impl StrLit {
    /// The text if the literal has no interpolation.
    pub fn plain(&self) -> Option<String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                StrPart::Text(t) => out.push_str(t),
                StrPart::Interp { .. } => return None,
            }
        }
        Some(out)
    }
}

/// A piece of a string literal.
#[derive(Debug, Clone, PartialEq)]
pub enum StrPart {
    /// Decoded text.
    Text(String),
    /// `#{...}` (or `#@var`, `#$var`): the tokens of the code, and the span of
    /// the whole interpolation including `#{` and `}`.
    Interp { tokens: Vec<Token>, span: Span },
}

macro_rules! keywords {
    ($($variant:ident = $text:literal,)*) => {
        /// Ruby's reserved words.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Keyword { $($variant,)* }

        impl Keyword {
            /// The keyword for a name, if it is one.
            pub fn from_name(name: &str) -> Option<Keyword> {
                match name { $($text => Some(Keyword::$variant),)* _ => None }
            }

            /// The keyword as written in Ruby.
            pub fn as_str(self) -> &'static str {
                match self { $(Keyword::$variant => $text,)* }
            }
        }
    };
}

keywords! {
    Alias = "alias", And = "and", Begin = "begin", BeginBlock = "BEGIN", Break = "break",
    Case = "case", Class = "class", Def = "def", Defined = "defined?", Do = "do",
    Else = "else", Elsif = "elsif", End = "end", EndBlock = "END", Ensure = "ensure",
    False = "false", For = "for", If = "if", In = "in", Module = "module", Next = "next",
    Nil = "nil", Not = "not", Or = "or", Redo = "redo", Rescue = "rescue", Retry = "retry",
    Return = "return", SelfValue = "self", Super = "super", Then = "then", True = "true",
    Undef = "undef", Unless = "unless", Until = "until", When = "when", While = "while",
    Yield = "yield", File = "__FILE__", Line = "__LINE__", Encoding = "__ENCODING__",
}

impl Keyword {
    /// Whether the keyword is a complete value (so an operator may follow).
    pub fn is_value(self) -> bool {
        matches!(
            self,
            Keyword::End
                | Keyword::SelfValue
                | Keyword::Nil
                | Keyword::True
                | Keyword::False
                | Keyword::File
                | Keyword::Line
                | Keyword::Encoding
                | Keyword::Redo
                | Keyword::Retry
        )
    }
}

/// Operators, longest first so that matching the first prefix is correct.
const PUNCTS: &[&str] = &[
    "**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "**", "==", "!=", ">=", "<=", "&&",
    "||", "<<", ">>", "=~", "!~", "..", "::", "=>", "->", "+=", "-=", "*=", "/=", "%=", "|=", "&=",
    "^=", "&.", "+", "-", "*", "/", "%", "=", "<", ">", "!", "&", "|", "^", "~", "?", ":", ",",
    ".", ";", "(", ")", "[", "]", "{", "}",
];

/// Operators that may follow `:` to form a symbol (`:+`, `:[]`, ...).
const OPERATOR_SYMBOLS: &[&str] = &[
    "[]=", "[]", "<=>", "===", "==", "=~", "!=", "!~", "**", "+@", "-@", "<<", ">>", "<=", ">=",
    "+", "-", "*", "/", "%", "<", ">", "!", "&", "|", "^", "~",
];

/// Deepest `#{...}` nesting accepted; keeps recursion bounded on hostile input.
const MAX_INTERP_DEPTH: usize = 32;

/// Tokenizes `source`; `file` is only used in error messages.
pub fn tokenize(file: &str, source: &str) -> Result<Vec<Token>, Error> {
    let mut lexer = Lexer {
        file,
        src: source,
        pos: 0,
        line: 1,
        col: 1,
        tokens: Vec::new(),
        pending: Vec::new(),
        locals: HashSet::new(),
        level: 0,
        block_params: false,
    };
    lexer.run(false)?;
    Ok(lexer.tokens)
}

#[derive(Debug, Clone, Copy)]
struct Pos {
    offset: usize,
    line: u32,
    column: u32,
}

/// How backslashes inside a literal are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Esc {
    /// Double-quoted rules: `\n`, `\x41`, `\u{...}`, unknown `\q` gives `q`.
    Double,
    /// Single-quoted rules: only `\\` and an escaped delimiter.
    Single,
    /// No escapes at all (`<<~'ID'` heredocs).
    Raw,
    /// Regex source: backslash sequences are kept as written.
    Regex,
}

#[derive(Debug, Clone, Copy)]
enum Stop {
    /// Ends at `close`; `open` (for bracket pairs) nests.
    Delim { open: Option<char>, close: char },
    /// Ends at a byte offset (a heredoc body, whose end is found first).
    Offset(usize),
}

#[derive(Debug, Clone, Copy)]
struct Content {
    stop: Stop,
    esc: Esc,
    interp: bool,
    /// `%w`-style: unescaped whitespace separates words.
    words: bool,
    /// Columns of indentation to strip from each line (`<<~` heredocs).
    dedent: usize,
}

enum Piece {
    Text(String),
    Interp(Vec<Token>, Span),
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeredocBody {
    Raw,
    Double,
    Command,
}

struct Pending {
    /// Interpolation level the heredoc was opened at; its token lives in that
    /// level's token list.
    level: usize,
    index: usize,
    id: String,
    /// `<<-` or `<<~`: the terminator may be indented.
    indented_end: bool,
    squiggly: bool,
    body: HeredocBody,
    start: Pos,
}

struct Lexer<'a> {
    file: &'a str,
    src: &'a str,
    pos: usize,
    line: u32,
    col: u32,
    tokens: Vec<Token>,
    pending: Vec<Pending>,
    /// Names assigned so far: Ruby treats `x -1` as subtraction when `x` is a
    /// local variable and as the call `x(-1)` otherwise.
    locals: HashSet<String>,
    level: usize,
    /// Inside `|...|` block parameters.
    block_params: bool,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()
}

impl<'a> Lexer<'a> {
    // ---- cursor ----

    fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_nth(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn here(&self) -> Pos {
        Pos {
            offset: self.pos,
            line: self.line,
            column: self.col,
        }
    }

    fn span_from(&self, p: Pos) -> Span {
        Span {
            start: p.offset,
            end: self.pos,
            line: p.line,
            column: p.column,
        }
    }

    fn error(&self, at: Pos, kind: ErrorKind, end: usize) -> Error {
        Error::new(
            self.file,
            at.line,
            at.column,
            kind,
            snippet(self.src, at.offset, end),
        )
    }

    fn push(&mut self, kind: TokenKind, start: Pos, space_before: bool) {
        let span = self.span_from(start);
        self.tokens.push(Token {
            kind,
            span,
            space_before,
        });
    }

    // ---- lexer state ----

    /// Whether the next token starts an expression (Ruby's EXPR_BEG): then
    /// `/` starts a regex, `-1` is a negative number, `<<~X` a heredoc.
    fn is_beg(&self) -> bool {
        match self.tokens.last().map(|t| &t.kind) {
            None | Some(TokenKind::Newline) | Some(TokenKind::Label(_)) => true,
            Some(TokenKind::Punct(p)) => !matches!(*p, ")" | "]" | "}"),
            Some(TokenKind::Keyword(k)) => !k.is_value(),
            Some(_) => false,
        }
    }

    /// Ruby's rule for a method name followed by a space and then an operator
    /// glued to its operand (`puts -1`, `split /,/`, `foo <<~EOS`): the
    /// operator starts an argument. Not for local variables (`x -1`).
    fn is_spaced_arg(&self, space_before: bool) -> bool {
        let glued = self.peek_nth(1).is_some_and(|c| !c.is_whitespace());
        space_before
            && glued
            && matches!(
                self.tokens.last().map(|t| &t.kind),
                Some(TokenKind::Ident(name)) if !self.locals.contains(name)
            )
    }

    fn last_is_punct(&self, wanted: &[&str]) -> bool {
        matches!(self.tokens.last().map(|t| &t.kind), Some(TokenKind::Punct(p)) if wanted.contains(p))
    }

    /// A label (`name:`) may not follow the `?` of a ternary (Ruby reads
    /// `c ? x: y` as a ternary) nor a `.` (method names).
    fn label_allowed(&self) -> bool {
        !self.last_is_punct(&["?", ".", "&."])
            && self.peek() == Some(':')
            && self.peek_nth(1) != Some(':')
    }

    // ---- main loop ----

    /// Lexes tokens into `self.tokens` until end of input, or, for an
    /// interpolation, until its closing `}`; returns whether that `}` was found.
    fn run(&mut self, interp: bool) -> Result<bool, Error> {
        let mut braces = 0usize;
        if self.pos == 0 && self.peek() == Some('\u{feff}') {
            self.bump();
            self.col = 1;
        }
        loop {
            let before = self.pos;
            let space = self.skip_space();
            let start = self.here();
            let Some(c) = self.peek() else {
                self.check_no_pending()?;
                return Ok(false);
            };
            if self.col == 1 && c == '=' && self.at_line_word("=begin") {
                self.skip_embedded_doc(start)?;
            } else if self.col == 1 && c == '_' && !interp && self.at_line_word("__END__") {
                // Ruby stops reading at `__END__`; what follows is data.
                self.check_no_pending()?;
                return Ok(false);
            } else if c == '\n' {
                self.bump();
                self.on_newline(start)?;
            } else if c == '#' {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.bump();
                }
            } else if c == '}' && interp && braces == 0 {
                self.bump();
                return Ok(true);
            } else {
                self.token(start, space)?;
                match self.tokens.last().map(|t| &t.kind) {
                    Some(TokenKind::Punct("{")) => braces += 1,
                    Some(TokenKind::Punct("}")) => braces = braces.saturating_sub(1),
                    _ => {}
                }
            }
            if self.pos == before {
                return Err(self.error(start, ErrorKind::NoProgress, self.pos));
            }
        }
    }

    fn skip_space(&mut self) -> bool {
        let mut any = false;
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r' | '\x0b' | '\x0c') => {}
                Some('\\') if self.peek_nth(1) == Some('\n') => {
                    self.bump();
                }
                Some('\\') if self.peek_nth(1) == Some('\r') && self.peek_nth(2) == Some('\n') => {
                    self.bump();
                    self.bump();
                }
                _ => return any,
            }
            self.bump();
            any = true;
        }
    }

    /// Whether the current line starts with `word` followed by whitespace or
    /// the end of the line.
    fn at_line_word(&self, word: &str) -> bool {
        self.rest()
            .strip_prefix(word)
            .is_some_and(|after| after.is_empty() || after.starts_with(char::is_whitespace))
    }

    fn skip_embedded_doc(&mut self, start: Pos) -> Result<(), Error> {
        loop {
            // Skip the current line, then look at the next one.
            while self.peek().is_some_and(|c| c != '\n') {
                self.bump();
            }
            if self.bump().is_none() {
                return Err(self.error(start, ErrorKind::UnterminatedComment, start.offset));
            }
            if self.at_line_word("=end") {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.bump();
                }
                return Ok(());
            }
        }
    }

    fn check_no_pending(&self) -> Result<(), Error> {
        match self.pending.iter().find(|p| p.level == self.level) {
            Some(p) => Err(self.error(
                p.start,
                ErrorKind::UnterminatedHeredoc(p.id.clone()),
                p.start.offset,
            )),
            None => Ok(()),
        }
    }

    /// Handles a line break just consumed at `at`: reads pending heredoc
    /// bodies, then emits a `Newline` token if the break ends a statement.
    fn on_newline(&mut self, at: Pos) -> Result<(), Error> {
        if self.pending.iter().any(|p| p.level == self.level) {
            self.read_heredoc_bodies()?;
        }
        let continues = match self.tokens.last().map(|t| &t.kind) {
            None | Some(TokenKind::Newline) | Some(TokenKind::Label(_)) => true,
            Some(TokenKind::Punct(p)) => !matches!(*p, ")" | "]" | "}" | "|"),
            Some(TokenKind::Keyword(k)) => matches!(k, Keyword::And | Keyword::Or | Keyword::Not),
            Some(_) => false,
        };
        if continues || self.next_line_starts_with_dot() {
            return Ok(());
        }
        self.tokens.push(Token {
            kind: TokenKind::Newline,
            span: Span {
                start: at.offset,
                end: at.offset + 1,
                line: at.line,
                column: at.column,
            },
            space_before: false,
        });
        Ok(())
    }

    /// Ruby continues a statement when the next code line (skipping blank and
    /// comment lines) starts with `.method` or `&.method`.
    fn next_line_starts_with_dot(&self) -> bool {
        let mut rest = self.rest();
        loop {
            let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n', '\x0b', '\x0c']);
            if trimmed.starts_with('#') {
                rest = trimmed.split_once('\n').map_or("", |(_, after)| after);
                continue;
            }
            return (trimmed.starts_with('.') && !trimmed.starts_with(".."))
                || trimmed.starts_with("&.");
        }
    }

    // ---- tokens ----

    fn token(&mut self, start: Pos, space: bool) -> Result<(), Error> {
        let Some(c) = self.peek() else {
            return Ok(());
        };
        let beg = self.is_beg() || self.is_spaced_arg(space);
        match c {
            '0'..='9' => {
                let kind = self.number(start, false)?;
                self.push(kind, start, space);
            }
            '-' | '+' if beg && self.peek_nth(1).is_some_and(|d| d.is_ascii_digit()) => {
                self.bump();
                let kind = self.number(start, c == '-')?;
                self.push(kind, start, space);
            }
            '"' | '`' => {
                self.bump();
                let content = Content {
                    stop: Stop::Delim {
                        open: None,
                        close: c,
                    },
                    esc: Esc::Double,
                    interp: true,
                    words: false,
                    dedent: 0,
                };
                let lit = self.literal(content, start, ErrorKind::UnterminatedString)?;
                if c == '`' {
                    self.push(TokenKind::XStr(lit), start, space);
                } else {
                    self.string_or_label(lit, start, space);
                }
            }
            '\'' => {
                self.bump();
                let content = Content {
                    stop: Stop::Delim {
                        open: None,
                        close: '\'',
                    },
                    esc: Esc::Single,
                    interp: false,
                    words: false,
                    dedent: 0,
                };
                let lit = self.literal(content, start, ErrorKind::UnterminatedString)?;
                self.string_or_label(lit, start, space);
            }
            ':' => self.colon(start, space)?,
            '@' | '$' => {
                let kind = self.variable(start)?;
                self.push(kind, start, space);
            }
            c if is_ident_start(c) => self.ident(start, space),
            '%' if beg && self.percent(start, space)? => {}
            '/' if beg => {
                self.bump();
                let content = Content {
                    stop: Stop::Delim {
                        open: None,
                        close: '/',
                    },
                    esc: Esc::Regex,
                    interp: true,
                    words: false,
                    dedent: 0,
                };
                let body = self.literal(content, start, ErrorKind::UnterminatedRegex)?;
                let flags = self.regex_flags();
                self.push(TokenKind::Regex { body, flags }, start, space);
            }
            '<' if beg && self.heredoc_start(start, space) => {}
            '?' if beg && self.char_literal(start, space)? => {}
            _ => self.punct(start, space)?,
        }
        Ok(())
    }

    fn punct(&mut self, start: Pos, space: bool) -> Result<(), Error> {
        let rest = self.rest();
        let Some(p) = PUNCTS.iter().copied().find(|p| rest.starts_with(p)) else {
            self.bump();
            return Err(self.error(start, ErrorKind::UnexpectedChar, self.pos));
        };
        for _ in 0..p.len() {
            self.bump();
        }
        // Track assignments so `x -1` after `x = ...` is read as subtraction.
        if p.ends_with('=') && !matches!(p, "==" | "===" | "!=" | ">=" | "<=") {
            if let Some(TokenKind::Ident(name)) = self.tokens.last().map(|t| &t.kind) {
                let name = name.clone();
                self.locals.insert(name);
            }
        }
        if p == "|" {
            if self.block_params {
                self.block_params = false;
            } else if matches!(
                self.tokens.last().map(|t| &t.kind),
                Some(TokenKind::Keyword(Keyword::Do)) | Some(TokenKind::Punct("{"))
            ) {
                self.block_params = true;
            }
        }
        self.push(TokenKind::Punct(p), start, space);
        Ok(())
    }

    fn string_or_label(&mut self, lit: StrLit, start: Pos, space: bool) {
        if self.label_allowed() {
            if let Some(text) = lit.plain() {
                self.bump();
                self.push(TokenKind::Label(text), start, space);
                return;
            }
        }
        self.push(TokenKind::Str(lit), start, space);
    }

    fn ident(&mut self, start: Pos, space: bool) {
        while self.peek().is_some_and(is_ident_char) {
            self.bump();
        }
        // `foo?` / `foo!` are method names, but not in `foo != x` / `foo!= x`.
        if let Some('?' | '!') = self.peek() {
            let after = self.peek_nth(1);
            if after != Some('=') || matches!(self.peek_nth(2), Some('=' | '~' | '>')) {
                self.bump();
            }
        }
        let name = self
            .src
            .get(start.offset..self.pos)
            .unwrap_or("")
            .to_owned();
        if self.label_allowed() {
            self.bump();
            self.push(TokenKind::Label(name), start, space);
            return;
        }
        let method_name = self.last_is_punct(&[".", "&."])
            || matches!(
                self.tokens.last().map(|t| &t.kind),
                Some(TokenKind::Keyword(Keyword::Def))
            );
        let kind = match Keyword::from_name(&name) {
            Some(k) if !method_name => TokenKind::Keyword(k),
            _ if name.starts_with(|c: char| c.is_ascii_uppercase()) => TokenKind::Const(name),
            _ => {
                if self.block_params {
                    self.locals.insert(name.clone());
                }
                TokenKind::Ident(name)
            }
        };
        self.push(kind, start, space);
    }

    fn variable(&mut self, start: Pos) -> Result<TokenKind, Error> {
        let sigil = self.peek();
        self.bump();
        if sigil == Some('@') {
            let class_var = self.peek() == Some('@');
            if class_var {
                self.bump();
            }
            if !self.peek().is_some_and(is_ident_start) {
                return Err(self.error(start, ErrorKind::UnexpectedChar, self.pos));
            }
            while self.peek().is_some_and(is_ident_char) {
                self.bump();
            }
            let name = self
                .src
                .get(start.offset..self.pos)
                .unwrap_or("")
                .to_owned();
            return Ok(if class_var {
                TokenKind::CVar(name)
            } else {
                TokenKind::IVar(name)
            });
        }
        match self.peek() {
            Some(c) if is_ident_char(c) => {
                while self.peek().is_some_and(is_ident_char) {
                    self.bump();
                }
            }
            Some('-') if self.peek_nth(1).is_some_and(is_ident_char) => {
                self.bump();
                self.bump();
            }
            Some(
                '~' | '*' | '$' | '?' | '!' | '@' | '/' | '\\' | ';' | ',' | '.' | '=' | ':' | '<'
                | '>' | '"' | '&' | '`' | '\'' | '+',
            ) => {
                self.bump();
            }
            _ => return Err(self.error(start, ErrorKind::UnexpectedChar, self.pos)),
        }
        Ok(TokenKind::GVar(
            self.src
                .get(start.offset..self.pos)
                .unwrap_or("")
                .to_owned(),
        ))
    }

    fn colon(&mut self, start: Pos, space: bool) -> Result<(), Error> {
        match self.peek_nth(1) {
            Some(':') => return self.punct(start, space),
            Some(q @ ('"' | '\'')) => {
                self.bump();
                self.bump();
                let content = Content {
                    stop: Stop::Delim {
                        open: None,
                        close: q,
                    },
                    esc: if q == '"' { Esc::Double } else { Esc::Single },
                    interp: q == '"',
                    words: false,
                    dedent: 0,
                };
                let lit = self.literal(content, start, ErrorKind::UnterminatedString)?;
                let kind = match lit.plain() {
                    Some(text) => TokenKind::Sym(text),
                    None => TokenKind::DSym(lit),
                };
                self.push(kind, start, space);
                return Ok(());
            }
            Some(c) if is_ident_start(c) => {
                self.bump();
                let name_start = self.pos;
                while self.peek().is_some_and(is_ident_char) {
                    self.bump();
                }
                match self.peek() {
                    Some('?' | '!') if self.peek_nth(1) != Some('=') => {
                        self.bump();
                    }
                    // `:name=` is a setter name, but `:a=>1` is `:a` then `=>`.
                    Some('=') if !matches!(self.peek_nth(1), Some('=' | '~' | '>')) => {
                        self.bump();
                    }
                    _ => {}
                }
                let name = self.src.get(name_start..self.pos).unwrap_or("").to_owned();
                self.push(TokenKind::Sym(name), start, space);
                return Ok(());
            }
            Some('@' | '$') => {
                self.bump();
                let var_start = self.here();
                let name = match self.variable(var_start)? {
                    TokenKind::IVar(n) | TokenKind::CVar(n) | TokenKind::GVar(n) => n,
                    _ => String::new(),
                };
                self.push(TokenKind::Sym(name), start, space);
                return Ok(());
            }
            _ => {}
        }
        if self.is_beg() {
            let after = self.src.get(self.pos + 1..).unwrap_or("");
            if let Some(op) = OPERATOR_SYMBOLS
                .iter()
                .copied()
                .find(|op| after.starts_with(op))
            {
                for _ in 0..=op.len() {
                    self.bump();
                }
                self.push(TokenKind::Sym(op.to_owned()), start, space);
                return Ok(());
            }
        }
        self.punct(start, space)
    }

    fn number(&mut self, start: Pos, negative: bool) -> Result<TokenKind, Error> {
        let mut radix = 10;
        let mut prefixed = false;
        if self.peek() == Some('0') {
            match self.peek_nth(1) {
                Some(p @ ('x' | 'X' | 'b' | 'B' | 'o' | 'O' | 'd' | 'D')) => {
                    radix = match p.to_ascii_lowercase() {
                        'x' => 16,
                        'b' => 2,
                        'o' => 8,
                        _ => 10,
                    };
                    prefixed = true;
                    self.bump();
                    self.bump();
                }
                // A leading zero means octal in Ruby (`017` is 15).
                Some('0'..='9' | '_') => radix = 8,
                _ => {}
            }
        }
        let mut text = String::new();
        if negative {
            text.push('-');
        }
        self.digits(start, radix, &mut text)?;
        let mut float = false;
        if radix == 10 && !prefixed {
            if self.peek() == Some('.') && self.peek_nth(1).is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
                text.push('.');
                self.digits(start, 10, &mut text)?;
                float = true;
            }
            if matches!(self.peek(), Some('e' | 'E')) {
                let signed = matches!(self.peek_nth(1), Some('+' | '-'));
                let digit_at = if signed { 2 } else { 1 };
                if self.peek_nth(digit_at).is_some_and(|c| c.is_ascii_digit()) {
                    self.bump();
                    text.push('e');
                    if signed {
                        if let Some(sign) = self.bump() {
                            text.push(sign);
                        }
                    }
                    self.digits(start, 10, &mut text)?;
                    float = true;
                }
            }
        }
        if let Some(c) = self.peek() {
            if is_ident_char(c) {
                let message = if matches!(c, 'r' | 'i') {
                    "rational and imaginary literals are not supported"
                } else {
                    "unexpected character after the digits"
                };
                return Err(self.number_error(start, message));
            }
        }
        if float {
            match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Ok(TokenKind::Float(f)),
                _ => Err(self.number_error(start, "float out of range")),
            }
        } else {
            i64::from_str_radix(&text, radix)
                .map(TokenKind::Int)
                .map_err(|_| {
                    self.number_error(start, "integer out of range (bignums are not supported)")
                })
        }
    }

    /// Reads digits of `radix` with Ruby's `_` separator rules into `text`.
    fn digits(&mut self, start: Pos, radix: u32, text: &mut String) -> Result<(), Error> {
        let mut any = false;
        let mut last_underscore = false;
        loop {
            match self.peek() {
                Some('_') => {
                    if !any || last_underscore {
                        return Err(self.number_error(start, "`_` must separate digits"));
                    }
                    last_underscore = true;
                }
                Some(c) if c.is_ascii_hexdigit() && (radix == 16 || c.is_ascii_digit()) => {
                    if c.to_digit(radix).is_none() {
                        return Err(self.number_error(
                            start,
                            if radix == 8 {
                                "invalid octal digit"
                            } else {
                                "invalid digit for the base"
                            },
                        ));
                    }
                    text.push(c);
                    any = true;
                    last_underscore = false;
                }
                _ => break,
            }
            self.bump();
        }
        if last_underscore {
            return Err(self.number_error(start, "trailing `_` in number"));
        }
        if !any {
            return Err(self.number_error(start, "numeric literal without digits"));
        }
        Ok(())
    }

    fn number_error(&self, start: Pos, message: &'static str) -> Error {
        // Show the whole malformed word, not just what was read so far.
        let tail = self.src.get(start.offset..).unwrap_or("");
        let len = tail
            .char_indices()
            .skip(1)
            .find(|&(_, c)| !(is_ident_char(c) || c == '.'))
            .map_or(tail.len(), |(i, _)| i);
        self.error(start, ErrorKind::BadNumber(message), start.offset + len)
    }

    fn regex_flags(&mut self) -> String {
        let mut flags = String::new();
        while let Some(c @ ('i' | 'm' | 'x' | 'o' | 'u' | 'n' | 'e' | 's')) = self.peek() {
            flags.push(c);
            self.bump();
        }
        flags
    }

    /// `%w[...]`, `%q(...)`, `%r{...}` and friends; returns false (consuming
    /// nothing) if `%` does not start a literal here.
    fn percent(&mut self, start: Pos, space: bool) -> Result<bool, Error> {
        let (kind, delim_at) = match self.peek_nth(1) {
            Some(k @ ('q' | 'Q' | 'w' | 'W' | 'i' | 'I' | 'r' | 's' | 'x')) => (Some(k), 2),
            _ => (None, 1),
        };
        let Some(open) = self.peek_nth(delim_at) else {
            return Ok(false);
        };
        if open.is_alphanumeric() || open.is_whitespace() || open == '=' {
            return Ok(false);
        }
        let close = match open {
            '(' => ')',
            '[' => ']',
            '{' => '}',
            '<' => '>',
            c => c,
        };
        for _ in 0..=delim_at {
            self.bump();
        }
        let nests = (open != close).then_some(open);
        let double = matches!(kind, None | Some('Q' | 'W' | 'I' | 'x'));
        let content = Content {
            stop: Stop::Delim { open: nests, close },
            esc: match kind {
                Some('r') => Esc::Regex,
                _ if double => Esc::Double,
                _ => Esc::Single,
            },
            interp: double || kind == Some('r'),
            words: matches!(kind, Some('w' | 'W' | 'i' | 'I')),
            dedent: 0,
        };
        let unterminated = if kind == Some('r') {
            ErrorKind::UnterminatedRegex
        } else {
            ErrorKind::UnterminatedString
        };
        let pieces = self.read_content(content, start, unterminated)?;
        let token = match kind {
            Some('w' | 'W' | 'i' | 'I') => TokenKind::Words {
                symbols: matches!(kind, Some('i' | 'I')),
                words: words_of(pieces),
            },
            Some('r') => TokenKind::Regex {
                body: lit_of(pieces),
                flags: self.regex_flags(),
            },
            Some('s') => TokenKind::Sym(lit_of(pieces).plain().unwrap_or_default()),
            Some('x') => TokenKind::XStr(lit_of(pieces)),
            _ => TokenKind::Str(lit_of(pieces)),
        };
        self.push(token, start, space);
        Ok(true)
    }

    /// `?a` / `?\n` character literals; returns false if `?` is an operator.
    fn char_literal(&mut self, start: Pos, space: bool) -> Result<bool, Error> {
        match self.peek_nth(1) {
            Some('\\') => {
                self.bump();
                let esc_at = self.here();
                self.bump();
                let mut buf = Vec::new();
                if self.peek().is_none() {
                    return Err(self.error(start, ErrorKind::UnterminatedString, self.pos));
                }
                self.escape_double(&mut buf, esc_at, start)?;
                let text = String::from_utf8(buf)
                    .map_err(|_| self.error(start, ErrorKind::InvalidUtf8, self.pos))?;
                self.push(TokenKind::Str(text_lit(text)), start, space);
                Ok(true)
            }
            Some(c) if !c.is_whitespace() && !self.peek_nth(2).is_some_and(is_ident_char) => {
                self.bump();
                self.bump();
                self.push(TokenKind::Str(text_lit(c.to_string())), start, space);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// `<<~ID`, `<<-ID`, `<<ID`, with optional quotes around ID. Only the
    /// opener is read here; the body is read when the line ends.
    fn heredoc_start(&mut self, start: Pos, space: bool) -> bool {
        let rest = self.rest();
        let Some(after) = rest.strip_prefix("<<") else {
            return false;
        };
        let (squiggly, indented_end, after) = match after.as_bytes().first() {
            Some(b'~') => (true, true, &after[1..]),
            Some(b'-') => (false, true, &after[1..]),
            _ => (false, false, after),
        };
        let (id, body, id_len) = match after.chars().next() {
            Some(q @ ('\'' | '"' | '`')) => {
                let Some(end) = after[1..].find([q, '\n']) else {
                    return false;
                };
                if after.as_bytes().get(1 + end) != Some(&(q as u8)) {
                    return false;
                }
                let body = match q {
                    '\'' => HeredocBody::Raw,
                    '"' => HeredocBody::Double,
                    _ => HeredocBody::Command,
                };
                (after[1..1 + end].to_owned(), body, end + 2)
            }
            Some(c) if is_ident_start(c) => {
                let end = after
                    .char_indices()
                    .find(|&(_, c)| !is_ident_char(c))
                    .map_or(after.len(), |(i, _)| i);
                (after[..end].to_owned(), HeredocBody::Double, end)
            }
            _ => return false,
        };
        // `class <<self` is a singleton class, not a heredoc.
        if !squiggly
            && !indented_end
            && matches!(
                self.tokens.last().map(|t| &t.kind),
                Some(TokenKind::Keyword(Keyword::Class))
            )
        {
            return false;
        }
        let opener_len = rest.len() - after.len() + id_len;
        let end = self.pos + opener_len;
        while self.pos < end && self.bump().is_some() {}
        self.pending.push(Pending {
            level: self.level,
            index: self.tokens.len(),
            id,
            indented_end,
            squiggly,
            body,
            start,
        });
        let placeholder = StrLit::default();
        let kind = if body == HeredocBody::Command {
            TokenKind::XStr(placeholder)
        } else {
            TokenKind::Str(placeholder)
        };
        self.push(kind, start, space);
        true
    }

    fn read_heredoc_bodies(&mut self) -> Result<(), Error> {
        let mut i = 0;
        while i < self.pending.len() {
            if self.pending[i].level == self.level {
                let pending = self.pending.remove(i);
                self.read_heredoc(pending)?;
            } else {
                i += 1;
            }
        }
        Ok(())
    }

    fn read_heredoc(&mut self, p: Pending) -> Result<(), Error> {
        let body_start = self.pos;
        let mut offset = body_start;
        let (body_end, after) = loop {
            if offset >= self.src.len() {
                return Err(self.error(
                    p.start,
                    ErrorKind::UnterminatedHeredoc(p.id.clone()),
                    p.start.offset,
                ));
            }
            let tail = self.src.get(offset..).unwrap_or("");
            let line_end = tail.find('\n').map_or(self.src.len(), |i| offset + i);
            let line = self.src.get(offset..line_end).unwrap_or("");
            let line = line.strip_suffix('\r').unwrap_or(line);
            let candidate = if p.indented_end {
                line.trim_start_matches([' ', '\t'])
            } else {
                line
            };
            if candidate == p.id {
                // The terminator's line break goes too: a second heredoc
                // opened on the same line starts right after it.
                break (offset, (line_end + 1).min(self.src.len()));
            }
            offset = line_end + 1;
        };
        let dedent = if p.squiggly {
            self.src
                .get(body_start..body_end)
                .unwrap_or("")
                .split('\n')
                .filter(|l| !l.trim_matches([' ', '\t', '\r']).is_empty())
                .map(indent_width)
                .min()
                .unwrap_or(0)
        } else {
            0
        };
        let content = Content {
            stop: Stop::Offset(body_end),
            esc: if p.body == HeredocBody::Raw {
                Esc::Raw
            } else {
                Esc::Double
            },
            interp: p.body != HeredocBody::Raw,
            words: false,
            dedent,
        };
        let unterminated = ErrorKind::UnterminatedHeredoc(p.id.clone());
        let pieces = self.read_content(content, p.start, unterminated.clone())?;
        if self.pos != body_end {
            return Err(self.error(p.start, unterminated, p.start.offset));
        }
        while self.pos < after && self.bump().is_some() {}
        let lit = lit_of(pieces);
        if let Some(token) = self.tokens.get_mut(p.index) {
            token.kind = if p.body == HeredocBody::Command {
                TokenKind::XStr(lit)
            } else {
                TokenKind::Str(lit)
            };
        }
        Ok(())
    }

    // ---- literal contents ----

    fn literal(
        &mut self,
        content: Content,
        start: Pos,
        unterminated: ErrorKind,
    ) -> Result<StrLit, Error> {
        Ok(lit_of(self.read_content(content, start, unterminated)?))
    }

    /// Reads a literal's contents up to its end (consuming the closing
    /// delimiter). Errors are located at the literal's start `start`.
    fn read_content(
        &mut self,
        c: Content,
        start: Pos,
        unterminated: ErrorKind,
    ) -> Result<Vec<Piece>, Error> {
        let mut pieces = Vec::new();
        let mut buf: Vec<u8> = Vec::new();
        let mut nest = 0usize;
        let mut line_start = true;
        loop {
            if let Stop::Offset(end) = c.stop {
                if self.pos >= end {
                    break;
                }
            }
            // Only whitespace before the line's own break is skipped, so this
            // stays inside the body.
            if line_start && c.dedent > 0 {
                self.skip_indent(c.dedent);
            }
            line_start = false;
            let Some(ch) = self.peek() else {
                return Err(self.error(start, unterminated, start.offset));
            };
            if let Stop::Delim { open, close } = c.stop {
                if Some(ch) == open {
                    nest += 1;
                } else if ch == close {
                    if nest == 0 {
                        self.bump();
                        break;
                    }
                    nest -= 1;
                }
            }
            let esc_at = self.here();
            if c.words && matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
                self.bump();
                self.flush(&mut buf, &mut pieces, start)?;
                pieces.push(Piece::Break);
                line_start = ch == '\n';
                continue;
            }
            if ch == '\\' && c.esc != Esc::Raw {
                self.bump();
                let Some(next) = self.peek() else {
                    return Err(self.error(start, unterminated, start.offset));
                };
                match c.esc {
                    Esc::Double => {
                        self.escape_double(&mut buf, esc_at, start)?;
                        if next == '\n' {
                            line_start = true;
                        }
                    }
                    Esc::Regex => {
                        buf.push(b'\\');
                        self.bump();
                        push_char(&mut buf, next);
                    }
                    _ => {
                        let (open, close) = match c.stop {
                            Stop::Delim { open, close } => (open, Some(close)),
                            Stop::Offset(_) => (None, None),
                        };
                        let escaped = next == '\\'
                            || Some(next) == close
                            || Some(next) == open
                            || (c.words && next.is_whitespace());
                        if escaped {
                            self.bump();
                            push_char(&mut buf, next);
                        } else {
                            buf.push(b'\\');
                        }
                    }
                }
                continue;
            }
            if ch == '#' && c.interp && self.interpolation(&mut buf, &mut pieces, start)? {
                continue;
            }
            self.bump();
            // Ruby reads CRLF line ends inside literals as LF.
            if ch == '\r' && self.peek() == Some('\n') {
                continue;
            }
            push_char(&mut buf, ch);
            line_start = ch == '\n';
        }
        self.flush(&mut buf, &mut pieces, start)?;
        Ok(pieces)
    }

    fn skip_indent(&mut self, width: usize) {
        let mut col = 0;
        while col < width {
            let next = match self.peek() {
                Some(' ') => col + 1,
                Some('\t') => (col / 8 + 1) * 8,
                _ => return,
            };
            if next > width {
                return;
            }
            col = next;
            self.bump();
        }
    }

    fn flush(&self, buf: &mut Vec<u8>, pieces: &mut Vec<Piece>, start: Pos) -> Result<(), Error> {
        if buf.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8(std::mem::take(buf))
            .map_err(|_| self.error(start, ErrorKind::InvalidUtf8, start.offset))?;
        pieces.push(Piece::Text(text));
        Ok(())
    }

    /// At `#`: reads `#{...}`, `#@var`, `#@@var` or `#$var` as an
    /// interpolation; returns false (consuming nothing) for a plain `#`.
    fn interpolation(
        &mut self,
        buf: &mut Vec<u8>,
        pieces: &mut Vec<Piece>,
        start: Pos,
    ) -> Result<bool, Error> {
        let hash_at = self.here();
        let var = match (self.peek_nth(1), self.peek_nth(2), self.peek_nth(3)) {
            (Some('{'), _, _) => false,
            (Some('@'), Some(c), _) if is_ident_start(c) => true,
            (Some('@'), Some('@'), Some(c)) if is_ident_start(c) => true,
            (Some('$'), Some(c), _) if is_ident_char(c) => true,
            _ => return Ok(false),
        };
        self.flush(buf, pieces, start)?;
        self.bump();
        if var {
            let var_at = self.here();
            let kind = self.variable(var_at)?;
            let span = self.span_from(var_at);
            let token = Token {
                kind,
                span,
                space_before: false,
            };
            pieces.push(Piece::Interp(vec![token], self.span_from(hash_at)));
            return Ok(true);
        }
        self.bump();
        if self.level >= MAX_INTERP_DEPTH {
            return Err(self.error(hash_at, ErrorKind::TooDeep(MAX_INTERP_DEPTH), self.pos));
        }
        self.level += 1;
        let outer = std::mem::take(&mut self.tokens);
        let outer_params = std::mem::replace(&mut self.block_params, false);
        let closed = self.run(true);
        let inner = std::mem::replace(&mut self.tokens, outer);
        self.block_params = outer_params;
        self.level -= 1;
        if !closed? {
            return Err(self.error(start, ErrorKind::UnterminatedString, start.offset));
        }
        pieces.push(Piece::Interp(inner, self.span_from(hash_at)));
        Ok(true)
    }

    /// Decodes one double-quoted escape; the cursor is just past the `\`
    /// (at `esc_at` + 1). Inside `%W[]`, `\ ` gives a space that does not
    /// separate words, which falls out of the "other character" rule.
    fn escape_double(&mut self, buf: &mut Vec<u8>, esc_at: Pos, start: Pos) -> Result<(), Error> {
        let Some(c) = self.bump() else {
            return Err(self.error(start, ErrorKind::UnterminatedString, start.offset));
        };
        let byte = match c {
            'n' => b'\n',
            't' => b'\t',
            's' => b' ',
            'r' => b'\r',
            'e' => 0x1b,
            'a' => 0x07,
            'b' => 0x08,
            'f' => 0x0c,
            'v' => 0x0b,
            '0'..='7' => {
                let mut value = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            self.bump();
                        }
                        None => break,
                    }
                }
                // Ruby keeps the low byte of `\400`..`\777`.
                (value & 0xff) as u8
            }
            'x' => {
                let mut value = 0;
                let mut count = 0;
                while count < 2 {
                    match self.peek().and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            self.bump();
                            count += 1;
                        }
                        None => break,
                    }
                }
                if count == 0 {
                    return Err(self.escape_error(esc_at, "invalid hex escape"));
                }
                value as u8
            }
            'u' => return self.unicode_escape(buf, esc_at),
            'c' | 'C' => return self.control_escape(c, buf, esc_at),
            'M' => {
                // Sets the high bit: never valid UTF-8 on its own.
                return Err(self.escape_error(esc_at, "meta escapes (\\M-) are not supported"));
            }
            // A backslash before a line break joins the lines.
            '\n' => return Ok(()),
            '\r' if self.peek() == Some('\n') => {
                self.bump();
                return Ok(());
            }
            // Any other escaped character stands for itself (`\S` is `S`).
            other => {
                push_char(buf, other);
                return Ok(());
            }
        };
        buf.push(byte);
        Ok(())
    }

    /// `\cx` and `\C-x`: the control character for an ASCII `x`; nested
    /// escapes (`\c\M-x`) are not supported.
    fn control_escape(&mut self, c: char, buf: &mut Vec<u8>, esc_at: Pos) -> Result<(), Error> {
        if c == 'C' {
            if self.peek() != Some('-') {
                return Err(self.escape_error(esc_at, "invalid control escape"));
            }
            self.bump();
        }
        match self.peek() {
            Some('?') => {
                self.bump();
                buf.push(0x7f);
                Ok(())
            }
            Some(x) if x.is_ascii() && x != '\\' && x != '\n' => {
                self.bump();
                buf.push((x as u8) & 0x9f);
                Ok(())
            }
            _ => Err(self.escape_error(esc_at, "unsupported control escape")),
        }
    }

    fn unicode_escape(&mut self, buf: &mut Vec<u8>, esc_at: Pos) -> Result<(), Error> {
        if self.peek() != Some('{') {
            let mut value = 0;
            for _ in 0..4 {
                match self.peek().and_then(|d| d.to_digit(16)) {
                    Some(d) => {
                        value = value * 16 + d;
                        self.bump();
                    }
                    None => return Err(self.escape_error(esc_at, "invalid Unicode escape")),
                }
            }
            return self.push_code_point(buf, value, esc_at);
        }
        self.bump();
        // `\u{}` is accepted by Ruby (CRuby and JRuby) and adds nothing.
        loop {
            while matches!(self.peek(), Some(' ' | '\t')) {
                self.bump();
            }
            if self.peek() == Some('}') {
                self.bump();
                break;
            }
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(d) = self.peek().and_then(|d| d.to_digit(16)) {
                if digits == 6 {
                    return Err(self.escape_error(esc_at, "invalid Unicode escape"));
                }
                value = value * 16 + d;
                digits += 1;
                self.bump();
            }
            if digits == 0 || !matches!(self.peek(), Some(' ' | '\t' | '}')) {
                return Err(self.escape_error(esc_at, "invalid Unicode escape"));
            }
            self.push_code_point(buf, value, esc_at)?;
        }
        Ok(())
    }

    fn push_code_point(&self, buf: &mut Vec<u8>, value: u32, esc_at: Pos) -> Result<(), Error> {
        match char::from_u32(value) {
            Some(ch) => {
                push_char(buf, ch);
                Ok(())
            }
            None => Err(self.escape_error(esc_at, "invalid Unicode code point")),
        }
    }

    fn escape_error(&self, esc_at: Pos, message: &'static str) -> Error {
        // The escape and what follows it, up to the end of the literal.
        let tail = self.src.get(esc_at.offset..).unwrap_or("");
        let len = tail
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '"' | '\'' | '\\'))
            .map_or(tail.len(), |(i, _)| i);
        self.error(esc_at, ErrorKind::BadEscape(message), esc_at.offset + len)
    }
}

/// Leading whitespace width of a heredoc line, with tabs to multiples of 8.
fn indent_width(line: &str) -> usize {
    let mut col = 0;
    for c in line.chars() {
        match c {
            ' ' => col += 1,
            '\t' => col = (col / 8 + 1) * 8,
            _ => break,
        }
    }
    col
}

fn push_char(buf: &mut Vec<u8>, c: char) {
    let mut tmp = [0u8; 4];
    buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
}

fn text_lit(text: String) -> StrLit {
    StrLit {
        parts: vec![StrPart::Text(text)],
    }
}

fn lit_of(pieces: Vec<Piece>) -> StrLit {
    let mut parts = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => parts.push(StrPart::Text(t)),
            Piece::Interp(tokens, span) => parts.push(StrPart::Interp { tokens, span }),
            Piece::Break => {}
        }
    }
    StrLit { parts }
}

fn words_of(pieces: Vec<Piece>) -> Vec<StrLit> {
    let mut words = Vec::new();
    let mut current = StrLit::default();
    for piece in pieces {
        match piece {
            Piece::Text(t) => current.parts.push(StrPart::Text(t)),
            Piece::Interp(tokens, span) => current.parts.push(StrPart::Interp { tokens, span }),
            Piece::Break => {
                if !current.parts.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.parts.is_empty() {
        words.push(current);
    }
    words
}
