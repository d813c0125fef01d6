// Person names: whether a value looks like the name of a person, from a table of Chinese surnames
// (data/surnames.tsv, source in its header) and the usual shapes of names. Used by personal data
// detection (personal_data.h), which weighs it with the column's name: a shape is evidence, not
// proof. Thread-safe: the surname table is read once, on first use, and only read afterwards.
#pragma once

#include <string_view>

namespace gongshu::quality {

// Whether `text` looks like a Chinese person's name: 2 to 4 Han characters (U+3400-U+9FFF) that
// begin with a surname of the table (a compound surname such as 欧阳 only with at least one more
// character), and whose last character is not one that ends the names of places, roads and
// bodies (路, 街, 站, 区, 市, 局, 院, 园, 族, 科, ...). No trimming.
bool LooksLikeChineseName(std::string_view text);

// Whether `text` looks like a name in Latin letters: two or three words separated by single
// spaces, each a capital letter followed by one or more lower-case letters, or all capitals of at
// least two letters ("Zhang Wei", "LI Na", "Mary Ann Smith"). No trimming.
bool LooksLikeLatinName(std::string_view text);

// Whether `text` is exactly one surname of the table, single or compound ("王", "欧阳").
bool IsChineseSurname(std::string_view text);

// The number of surnames in the table.
int SurnameCount();

}  // namespace gongshu::quality
