-- Number-to-string conversion in '..' matches tostring; string-to-number in arithmetic.
for _, v in ipairs({0, -0.0, 1.5, 100, 1e15, 1e16, 2^63, -2^63, 1/0, -1/0, 0.1, 123456.789}) do
  print(v .. "", tostring(v), v .. "" == tostring(v))
--> 0	0	true
--> -0.0	-0.0	true
--> 1.5	1.5	true
--> 100	100	true
--> 1e+15	1e+15	true
--> 1e+16	1e+16	true
--> 9.2233720368548e+18	9.2233720368548e+18	true
--> -9.2233720368548e+18	-9.2233720368548e+18	true
--> inf	inf	true
--> -inf	-inf	true
--> 0.1	0.1	true
--> 123456.789	123456.789	true
end
print("5" + 0 == 5, "5.0" + 0 == 5, "0x10" * 1, "1e1" // 1)
--> true	true	16	10.0
