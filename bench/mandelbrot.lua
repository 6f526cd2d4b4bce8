-- Mandelbrot (benchmarks game): float arithmetic in a tight escape-time loop, bits packed into
-- bytes. The PBM image is not printed; a checksum of its bytes is (same arithmetic, small output).
local N = 600
local iter = 50
local limit2 = 4.0
local sum, nbytes = 0, 0
for y = 0, N - 1 do
  local Ci = 2.0 * y / N - 1.0
  local bits, nbits = 0, 0
  for x = 0, N - 1 do
    local Cr = 2.0 * x / N - 1.5
    local Zr, Zi, Tr, Ti = 0.0, 0.0, 0.0, 0.0
    local i = 0
    while i < iter and Tr + Ti <= limit2 do
      Zi = 2.0 * Zr * Zi + Ci
      Zr = Tr - Ti + Cr
      Tr = Zr * Zr
      Ti = Zi * Zi
      i = i + 1
    end
    bits = bits * 2
    if Tr + Ti <= limit2 then bits = bits + 1 end
    nbits = nbits + 1
    if nbits == 8 then
      sum = (sum * 31 + bits) % 1000000007
      nbytes = nbytes + 1
      bits, nbits = 0, 0
    end
  end
  if nbits > 0 then
    bits = bits << (8 - nbits)
    sum = (sum * 31 + bits) % 1000000007
    nbytes = nbytes + 1
  end
end
print("P4", N, N, nbytes, sum)
