#!/usr/bin/env python3
"""The row API workload of the dataset benchmark (bench/dataset/run_dataset_bench.sh).

Writes, for the version dataset_gen's CSV became:
  - a wrk Lua script cycling through SHAPES x VARIANTS requests of
    GET /api/v1/resources/{id}/data: each a filter (or two), a sort and limit=100; the last shape
    is the second page of the first one, through the next_cursor of its first page (fetched here);
  - a TSV of probes, one per shape (its first variant): label, request path, and the SQL that
    asks sqlite3 for the record_id of the same page in the table .import filled (rowid = line
    order = gongshu's row number, so ties break the same way in both).

usage: row_queries.py BASE_URL RESOURCE_ID TOKEN_FILE LUA_OUT PROBES_OUT
"""

import json
import sys
import urllib.parse
import urllib.request

VARIANTS = 8
PAGE = 100

DISTRICTS = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "福清市",
             "闽侯县", "连江县", "罗源县", "闽清县", "永泰县", "平潭县"]
CATEGORIES = ["户籍办理", "社保查询", "公积金提取", "医保报销", "交通违法处理", "不动产登记",
              "营业执照", "税务申报", "出入境证件", "婚姻登记", "教育入学", "住房保障",
              "就业创业", "养老服务", "市场监管", "环境投诉"]


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def shapes():
    """(label, [(parameters, where, order)] * VARIANTS); parameters without limit."""
    result = []
    variants = []
    for v in range(VARIANTS):
        d = DISTRICTS[v % len(DISTRICTS)]
        variants.append(([("district", d), ("sort", "-amount")],
                         f"district = {sql_text(d)}", "amount DESC"))
    result.append(("district=, sort=-amount", variants))
    variants = []
    for v in range(VARIANTS):
        c = CATEGORIES[v % len(CATEGORIES)]
        variants.append(([("category", c), ("verified", "true"), ("sort", "submitted_at")],
                         f"category = {sql_text(c)} AND verified = 'true'", "submitted_at"))
    result.append(("category=, verified=, sort=submitted_at", variants))
    variants = []
    for v in range(VARIANTS):
        low = 1000 + 12345 * v
        variants.append(([("amount__ge", str(low)), ("amount__lt", str(low + 100)),
                          ("sort", "-submitted_at")],
                         f"amount >= {low} AND amount < {low + 100}", "submitted_at DESC"))
    result.append(("amount range 100, sort=-submitted_at", variants))
    variants = []
    for v in range(VARIANTS):
        year, month = 2020 + v % 6, 1 + (v * 5) % 12
        start, end = f"{year}-{month:02d}-01 00:00:00", f"{year}-{month:02d}-08 00:00:00"
        variants.append(([("submitted_at__ge", start), ("submitted_at__lt", end),
                          ("sort", "amount")],
                         f"submitted_at >= {sql_text(start)} AND submitted_at < {sql_text(end)}",
                         "amount"))
    result.append(("submitted_at week, sort=amount", variants))
    variants = []
    for v in range(VARIANTS):
        pair = [DISTRICTS[(2 * v) % len(DISTRICTS)], DISTRICTS[(2 * v + 1) % len(DISTRICTS)]]
        variants.append(([("district__in", ",".join(pair)), ("quantity__gt", "900"),
                          ("sort", "-quantity,record_id")],
                         f"district IN ({sql_text(pair[0])}, {sql_text(pair[1])}) AND "
                         "quantity > 900", "quantity DESC, record_id"))
    result.append(("district__in=2, quantity__gt, 2 sorts", variants))
    variants = []
    for v in range(VARIANTS):
        pattern = f"%{'ABCDEF'[v % 6]}{1 + v % 4}_窗口"
        variants.append(([("service_hall__like", pattern), ("sort", "-record_id")],
                         f"service_hall LIKE {sql_text(pattern)}", "record_id DESC"))
    result.append(("service_hall__like, sort=-record_id", variants))
    return result


def query_string(parameters):
    return urllib.parse.urlencode(parameters + [("limit", str(PAGE))],
                                  quote_via=urllib.parse.quote)


def main():
    base, resource, token_file, lua_out, probes_out = sys.argv[1:6]
    with open(token_file, encoding="utf-8") as file:
        token = file.read().strip()
    data = f"/api/v1/resources/{resource}/data"
    all_shapes = shapes()
    # The second page of the first shape, through the cursor its first page gives.
    first_label, first_variants = all_shapes[0]
    second_pages = []
    for parameters, where, order in first_variants:
        request = urllib.request.Request(base + data + "?" + query_string(parameters),
                                         headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=600) as response:
            cursor = json.load(response)["next_cursor"]
        if not cursor:
            sys.exit("row_queries: the first page of " + first_label + " has no next_cursor")
        second_pages.append((parameters + [("cursor", cursor)], where, order + " OFFSET-PAGE"))
    all_shapes.append((first_label + ", page 2 (cursor)", second_pages))

    paths = []
    with open(probes_out, "w", encoding="utf-8") as probes:
        for label, variants in all_shapes:
            for index, (parameters, where, order) in enumerate(variants):
                path = data + "?" + query_string(parameters)
                paths.append(path)
                if index > 0:
                    continue
                offset = ""
                if order.endswith(" OFFSET-PAGE"):
                    order, offset = order[:-len(" OFFSET-PAGE")], f" OFFSET {PAGE}"
                sql = (f"SELECT record_id FROM t WHERE {where} ORDER BY {order}, rowid "
                       f"LIMIT {PAGE}{offset};")
                probes.write(f"{label}\t{path}\t{sql}\n")
    # Interleave the shapes so that every stretch of requests has them all.
    count = len(all_shapes)
    ordered = [paths[shape * VARIANTS + v] for v in range(VARIANTS) for shape in range(count)]
    with open(lua_out, "w", encoding="utf-8") as out:
        out.write("local paths = {\n")
        for path in ordered:
            out.write('  "%s",\n' % path)
        out.write("}\n")
        out.write("""
local thread_count = 0
function setup(thread)
  thread:set("first", thread_count * 29)
  thread_count = thread_count + 1
end

local requests = {}
local position = 0
function init(args)
  for index, path in ipairs(paths) do
    requests[index] = wrk.format("GET", path)
  end
  position = (first or 0) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end
""")


if __name__ == "__main__":
    main()
