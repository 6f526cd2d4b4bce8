-- load() of malformed chunks returns nil plus the compiler's message.
local cases = {
  "x = = 1",
  "if x then",
  "for i = 1 do end",
  "return 'unfinished",
  "return \"unfinished\nnext",
  "x = 3x",
  "x = 0x",
  "x = 1e",
  "local 1 = 2",
  "f(",
  "a.b:c = 1",
  "x = }",
  "return [[unfinished",
  "--[[ unfinished",
  "return '\\q'",
  "return '\\x4'",
  "return '\\300'",
  "return '\\u{110000000}'",
  "return '\\u{zz}'",
  "goto nowhere",
  "::a:: ::a::",
  "break",
  "function f() return ... end",
  "local x <const> = 1; x = 2",
  "return 1 +",
  "x = (1",
  "local t = {1, 2",
  "repeat x = 1",
  "while true do",
  "function f(a,",
  "function f(..., a) end",
  "x.y",
  "return return",
  "elseif",
  "x = 1 2",
  "local function() end",
  "for a, b in pairs(t) end",
  "return 1 .. ",
  "return #",
  "a, b",
  "(a) = 1",
  "a() = 1",
  "local a = {[1] 2}",
  "return not",
  "do end end",
  "return ~= 1",
  "x = \"\\",
  "return 0x1p",
  "return 1..2",
  "return @",
  "return $",
}
for _, src in ipairs(cases) do
  local f, msg = load(src)
  print(f, msg)
--> nil	[string "x = = 1"]:1: unexpected symbol near '='
--> nil	[string "if x then"]:1: 'end' expected near <eof>
--> nil	[string "for i = 1 do end"]:1: ',' expected near 'do'
--> nil	[string "return 'unfinished"]:1: unfinished string near <eof>
--> nil	[string "return "unfinished..."]:1: unfinished string near '"unfinished'
--> nil	[string "x = 3x"]:1: malformed number near '3x'
--> nil	[string "x = 0x"]:1: malformed number near '0x'
--> nil	[string "x = 1e"]:1: malformed number near '1e'
--> nil	[string "local 1 = 2"]:1: <name> expected near '1'
--> nil	[string "f("]:1: unexpected symbol near <eof>
--> nil	[string "a.b:c = 1"]:1: function arguments expected near '='
--> nil	[string "x = }"]:1: unexpected symbol near '}'
--> nil	[string "return [[unfinished"]:1: unfinished long string (starting at line 1) near <eof>
--> nil	[string "--[[ unfinished"]:1: unfinished long comment (starting at line 1) near <eof>
--> nil	[string "return '\q'"]:1: invalid escape sequence near ''\q'
--> nil	[string "return '\x4'"]:1: hexadecimal digit expected near ''\x4''
--> nil	[string "return '\300'"]:1: decimal escape too large near ''\300''
--> nil	[string "return '\u{110000000}'"]:1: UTF-8 value too large near ''\u{110000000'
--> nil	[string "return '\u{zz}'"]:1: hexadecimal digit expected near ''\u{z'
--> nil	[string "goto nowhere"]:1: no visible label 'nowhere' for <goto> at line 1
--> nil	[string "::a:: ::a::"]:1: label 'a' already defined on line 1
--> nil	[string "break"]:1: break outside loop at line 1
--> nil	[string "function f() return ... end"]:1: cannot use '...' outside a vararg function near '...'
--> nil	[string "local x <const> = 1; x = 2"]:1: attempt to assign to const variable 'x'
--> nil	[string "return 1 +"]:1: unexpected symbol near <eof>
--> nil	[string "x = (1"]:1: ')' expected near <eof>
--> nil	[string "local t = {1, 2"]:1: '}' expected near <eof>
--> nil	[string "repeat x = 1"]:1: 'until' expected near <eof>
--> nil	[string "while true do"]:1: 'end' expected near <eof>
--> nil	[string "function f(a,"]:1: <name> or '...' expected near <eof>
--> nil	[string "function f(..., a) end"]:1: ')' expected near ','
--> nil	[string "x.y"]:1: syntax error near <eof>
--> nil	[string "return return"]:1: unexpected symbol near 'return'
--> nil	[string "elseif"]:1: <eof> expected near 'elseif'
--> nil	[string "x = 1 2"]:1: unexpected symbol near '2'
--> nil	[string "local function() end"]:1: <name> expected near '('
--> nil	[string "for a, b in pairs(t) end"]:1: 'do' expected near 'end'
--> nil	[string "return 1 .. "]:1: unexpected symbol near <eof>
--> nil	[string "return #"]:1: unexpected symbol near <eof>
--> nil	[string "a, b"]:1: '=' expected near <eof>
--> nil	[string "(a) = 1"]:1: syntax error near '='
--> nil	[string "a() = 1"]:1: syntax error near '='
--> nil	[string "local a = {[1] 2}"]:1: '=' expected near '2'
--> nil	[string "return not"]:1: unexpected symbol near <eof>
--> nil	[string "do end end"]:1: <eof> expected near 'end'
--> nil	[string "return ~= 1"]:1: unexpected symbol near '~='
--> nil	[string "x = "\"]:1: unfinished string near <eof>
--> nil	[string "return 0x1p"]:1: malformed number near '0x1p'
--> nil	[string "return 1..2"]:1: malformed number near '1..2'
--> nil	[string "return @"]:1: unexpected symbol near '@'
--> nil	[string "return $"]:1: unexpected symbol near '$'
end
