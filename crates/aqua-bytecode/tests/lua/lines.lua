local x = 0
x = x + 0
x = x + 1
x = x + 2
x = x + 3
x = x + 4
x = x + 5
x = x + 6
x = x + 7
x = x + 8
x = x + 9
x = x + 10
x = x + 11
x = x + 12
x = x + 13
x = x + 14
x = x + 15
x = x + 16
x = x + 17
x = x + 18
x = x + 19
x = x + 20
x = x + 21
x = x + 22
x = x + 23
x = x + 24
x = x + 25
x = x + 26
x = x + 27
x = x + 28
x = x + 29
x = x + 30
x = x + 31
x = x + 32
x = x + 33
x = x + 34
x = x + 35
x = x + 36
x = x + 37
x = x + 38
x = x + 39
x = x + 40
x = x + 41
x = x + 42
x = x + 43
x = x + 44
x = x + 45
x = x + 46
x = x + 47
x = x + 48
x = x + 49
x = x + 50
x = x + 51
x = x + 52
x = x + 53
x = x + 54
x = x + 55
x = x + 56
x = x + 57
x = x + 58
x = x + 59
x = x + 60
x = x + 61
x = x + 62
x = x + 63
x = x + 64
x = x + 65
x = x + 66
x = x + 67
x = x + 68
x = x + 69
x = x + 70
x = x + 71
x = x + 72
x = x + 73
x = x + 74
x = x + 75
x = x + 76
x = x + 77
x = x + 78
x = x + 79
x = x + 80
x = x + 81
x = x + 82
x = x + 83
x = x + 84
x = x + 85
x = x + 86
x = x + 87
x = x + 88
x = x + 89
x = x + 90
x = x + 91
x = x + 92
x = x + 93
x = x + 94
x = x + 95
x = x + 96
x = x + 97
x = x + 98
x = x + 99
x = x + 100
x = x + 101
x = x + 102
x = x + 103
x = x + 104
x = x + 105
x = x + 106
x = x + 107
x = x + 108
x = x + 109
x = x + 110
x = x + 111
x = x + 112
x = x + 113
x = x + 114
x = x + 115
x = x + 116
x = x + 117
x = x + 118
x = x + 119
x = x + 120
x = x + 121
x = x + 122
x = x + 123
x = x + 124
x = x + 125
x = x + 126
x = x + 127
x = x + 128
x = x + 129
x = x + 130
x = x + 131
x = x + 132
x = x + 133
x = x + 134
x = x + 135
x = x + 136
x = x + 137
x = x + 138
x = x + 139
x = x + 140
x = x + 141
x = x + 142
x = x + 143
x = x + 144
x = x + 145
x = x + 146
x = x + 147
x = x + 148
x = x + 149
x = x + 150
x = x + 151
x = x + 152
x = x + 153
x = x + 154
x = x + 155
x = x + 156
x = x + 157
x = x + 158
x = x + 159
x = x + 160
x = x + 161
x = x + 162
x = x + 163
x = x + 164
x = x + 165
x = x + 166
x = x + 167
x = x + 168
x = x + 169
x = x + 170
x = x + 171
x = x + 172
x = x + 173
x = x + 174
x = x + 175
x = x + 176
x = x + 177
x = x + 178
x = x + 179
x = x + 180
x = x + 181
x = x + 182
x = x + 183
x = x + 184
x = x + 185
x = x + 186
x = x + 187
x = x + 188
x = x + 189
x = x + 190
x = x + 191
x = x + 192
x = x + 193
x = x + 194
x = x + 195
x = x + 196
x = x + 197
x = x + 198
x = x + 199
x = x + 200
x = x + 201
x = x + 202
x = x + 203
x = x + 204
x = x + 205
x = x + 206
x = x + 207
x = x + 208
x = x + 209
x = x + 210
x = x + 211
x = x + 212
x = x + 213
x = x + 214
x = x + 215
x = x + 216
x = x + 217
x = x + 218
x = x + 219
x = x + 220
x = x + 221
x = x + 222
x = x + 223
x = x + 224
x = x + 225
x = x + 226
x = x + 227
x = x + 228
x = x + 229
x = x + 230
x = x + 231
x = x + 232
x = x + 233
x = x + 234
x = x + 235
x = x + 236
x = x + 237
x = x + 238
x = x + 239
x = x + 240
x = x + 241
x = x + 242
x = x + 243
x = x + 244
x = x + 245
x = x + 246
x = x + 247
x = x + 248
x = x + 249
x = x + 250
x = x + 251
x = x + 252
x = x + 253
x = x + 254
x = x + 255
x = x + 256
x = x + 257
x = x + 258
x = x + 259
x = x + 260
x = x + 261
x = x + 262
x = x + 263
x = x + 264
x = x + 265
x = x + 266
x = x + 267
x = x + 268
x = x + 269
x = x + 270
x = x + 271
x = x + 272
x = x + 273
x = x + 274
x = x + 275
x = x + 276
x = x + 277
x = x + 278
x = x + 279
x = x + 280
x = x + 281
x = x + 282
x = x + 283
x = x + 284
x = x + 285
x = x + 286
x = x + 287
x = x + 288
x = x + 289
x = x + 290
x = x + 291
x = x + 292
x = x + 293
x = x + 294
x = x + 295
x = x + 296
x = x + 297
x = x + 298
x = x + 299









































































































































































































x = x * 2
local function f()






















































































































































return x
end
return f
