"""Write kehoach/values/demo_data/districts.csv: Bắc Kạn's 8 districts 2021-2024 (illustrative,
summing to the province's demo figures) and the real 2019 district poverty rates.

Run once: `.venv/bin/python scripts/demo_districts.py > kehoach/values/demo_data/districts.csv`;
the CSV is the demo data, this script says how it was made (kehoach/plans/demo_data/NOTES.md)."""
import csv, sys
from decimal import Decimal as D, ROUND_HALF_UP

IL = "Số liệu minh họa (demo), không phải số công bố: chia số của tỉnh theo huyện"
SRC2019 = ("http://giamngheo.backan.gov.vn/Pages/tin-tuc-giam-ngheo-557/"
           "nam-2019-giam-1432-ho-ngheo-f5f363253f31d78e.aspx")
# district code, its weight in the population (illustrative, about the districts' sizes),
# 2019 poverty rate (real, SRC2019)
DISTRICTS = [
    ("058-cu", 45.0, "1.93"), ("060-cu", 33.5, "35.22"), ("061-cu", 50.2, "23.8"),
    ("062-cu", 29.8, "34.41"), ("063-cu", 31.9, "17.46"), ("064-cu", 50.0, "15.86"),
    ("065-cu", 39.6, "16.85"), ("066-cu", 39.2, "25.11"),
]
YEARS = {2021: "actual", 2022: "actual", 2023: "actual", 2024: "estimate"}
POP = {2021: D("320.5"), 2022: D("323.7"), 2023: D("326.9"), 2024: D("330.0")}
HOUSEHOLDS = {2021: 82200, 2022: 83100, 2023: 84000, 2024: 84900}
POVERTY = {2021: D("14"), 2022: D("11.3"), 2023: D("8.7"), 2024: D("6")}
NTM = {  # communes meeting the new-rural standard, summing to the province's figure
    2021: [2, 1, 3, 2, 4, 5, 4, 3], 2022: [2, 1, 4, 2, 5, 6, 5, 3],
    2023: [2, 2, 5, 3, 5, 7, 6, 3], 2024: [2, 2, 5, 3, 6, 8, 7, 4],
}
PROVINCE_NTM = {2021: 24, 2022: 28, 2023: 33, 2024: 37}
# health insurance: the district's gap to the province's rate (points)
HI_GAP = [D("1.2"), D("-0.6"), D("-0.2"), D("-0.5"), D("0.1"), D("0.2"), D("0.4"), D("-0.4")]
PROVINCE_HI = {2021: D("97.8"), 2022: D("98"), 2023: D("98.2"), 2024: D("98.3")}


def split(total, weights, places):
    """Split ``total`` by ``weights``, rounded to ``places``, the parts summing to it exactly."""
    q = D(1).scaleb(-places)
    s = sum(weights)
    raw = [D(str(total)) * D(str(w)) / D(str(s)) for w in weights]
    parts = [r.quantize(q, ROUND_HALF_UP) for r in raw]
    diff = D(str(total)) - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: -(raw[i] - parts[i]) * (1 if diff > 0 else -1))
    i = 0
    while diff != 0:
        step = q if diff > 0 else -q
        parts[order[i % len(order)]] += step
        diff -= step
        i += 1
    return parts


rows = []
def add(unit, ind, year, kind, value, note):
    rows.append({"unit": unit, "indicator": ind, "period": str(year), "kind": kind,
                 "value": str(value), "note": note})

# 2019: the real district poverty rates and the province's households (preliminary review)
for code, _pop, rate in DISTRICTS:
    add(code, "POVERTY_RATE", 2019, "preliminary", rate,
        SRC2019 + " (kết quả sơ bộ rà soát hộ nghèo năm 2019, theo huyện)")
add("06-cu", "POOR_HOUSEHOLDS", 2019, "preliminary", 16003, SRC2019 + " (16.003/80.276 hộ)")
add("06-cu", "HOUSEHOLDS", 2019, "preliminary", 80276, SRC2019 + " (16.003/80.276 hộ)")

for year, kind in YEARS.items():
    pop = split(POP[year], [d[1] for d in DISTRICTS], 1)
    hh = split(HOUSEHOLDS[year], [d[1] for d in DISTRICTS], 0)
    poor_total = (POVERTY[year] * HOUSEHOLDS[year] / 100).quantize(D(1), ROUND_HALF_UP)
    poor = split(poor_total, [h * D(d[2]) for h, d in zip(hh, DISTRICTS)], 0)
    # health insurance: the gaps, then shifted so the population-weighted mean is the province's
    base = [PROVINCE_HI[year] + g for g in HI_GAP]
    mean = sum(b * p for b, p in zip(base, pop)) / sum(pop)
    shift = PROVINCE_HI[year] - mean
    hi = [min(D("99.9"), (b + shift).quantize(D("0.1"), ROUND_HALF_UP)) for b in base]
    assert sum(NTM[year]) == PROVINCE_NTM[year]
    for i, (code, _p, _r) in enumerate(DISTRICTS):
        add(code, "POPULATION", year, kind, pop[i], IL)
        add(code, "HOUSEHOLDS", year, kind, hh[i], IL)
        add(code, "POOR_HOUSEHOLDS", year, kind, poor[i], IL)
        rate = (D(poor[i]) * 100 / D(hh[i])).quantize(D("0.01"), ROUND_HALF_UP)
        add(code, "POVERTY_RATE", year, kind, rate, IL)
        add(code, "NTM_COMMUNES", year, kind, NTM[year][i], IL)
        add(code, "HEALTH_INSURANCE", year, kind, hi[i], IL)
    check = sum(h * p for h, p in zip(hi, pop)) / sum(pop)
    print(year, "pop", sum(pop), "hh", sum(hh), "poor", poor_total,
          "rate", (poor_total * 100 / HOUSEHOLDS[year]).quantize(D("0.001")),
          "hi", check.quantize(D("0.001")), file=sys.stderr)
    for code, p, r in DISTRICTS:
        pass

# the province's own population (2022 real: 323.712 people, GSO via Wikipedia; others illustrative)
for year, kind in YEARS.items():
    note = ("https://vi.wikipedia.org/wiki/Bắc_Kạn (dân số năm 2022: 323.712 người, "
            "Tổng cục Thống kê)") if year == 2022 else (
        "Số liệu minh họa (demo), không phải số công bố")
    add("06-cu", "POPULATION", year, kind, POP[year], note)
    add("06-cu", "HOUSEHOLDS", year, kind, HOUSEHOLDS[year],
        "Số liệu minh họa (demo), không phải số công bố")

# The old Thái Nguyên (before 1/7/2025): so that today's Thái Nguyên, consolidated from its two
# predecessors for 2021-2024, is not Bắc Kạn alone (illustrative, consistent with the round's
# ƯTH 2025 of 1.705,5 nghìn người for the merged province).
OLD_TN = {  # year: (population nghìn người, households, poverty rate %)
    2021: (D("1322.0"), 367000, D("5.2")), 2022: (D("1335.5"), 371000, D("4.4")),
    2023: (D("1348.9"), 375000, D("3.6")), 2024: (D("1362.0"), 379000, D("2.9")),
}
TN_NOTE = ("Số liệu minh họa (demo), không phải số công bố: tỉnh Thái Nguyên trước sắp xếp, "
           "để số của tỉnh Thái Nguyên mới tổng hợp từ hai tỉnh")
for year, kind in YEARS.items():
    pop, households, rate = OLD_TN[year]
    poor = (rate * households / 100).quantize(D(1), ROUND_HALF_UP)
    add("19-cu", "POPULATION", year, kind, pop, TN_NOTE)
    add("19-cu", "HOUSEHOLDS", year, kind, households, TN_NOTE)
    add("19-cu", "POOR_HOUSEHOLDS", year, kind, poor, TN_NOTE)
    add("19-cu", "POVERTY_RATE", year, kind, rate, TN_NOTE)

w = csv.DictWriter(sys.stdout, fieldnames=["unit", "indicator", "period", "kind", "value", "note"],
                   lineterminator="\n")
w.writeheader()
w.writerows(rows)
