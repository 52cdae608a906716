#include <doctest/doctest.h>

#include "tests/print.h"

#include "model/calendar.h"

using namespace model;

TEST_CASE("leap years and month lengths") {
  CHECK(is_leap_year(2020));
  CHECK_FALSE(is_leap_year(2019));
  CHECK_FALSE(is_leap_year(1900));
  CHECK(is_leap_year(2000));
  CHECK(days_in_month(2020, 2) == 29);
  CHECK(days_in_month(2019, 2) == 28);
  CHECK(is_valid(Date{2020, 2, 29}));
  CHECK_FALSE(is_valid(Date{2019, 2, 29}));
  CHECK_FALSE(is_valid(Date{2019, 13, 1}));
}

TEST_CASE("days into a year") {
  Month july2019 = month_of(2019, 7);
  // Jul 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 29 + Mar 31.
  CHECK(days_into_year(july2019, 9) == 275);
  CHECK(days_into_year(july2019, 12) == 366);
  CHECK(days_into_year(month_of(2021, 4), 12) == 365);
  CHECK(days_into_year(july2019, 0) == 0);
  CHECK(days_from_epoch(Date{1970, 1, 1}) == 0);
  CHECK(days_from_epoch(Date{2000, 3, 1}) == 11017);
}

TEST_CASE("financial years and their labels") {
  CHECK(financial_year_of(month_of(2020, 3), 4) == 2019);
  CHECK(financial_year_of(month_of(2020, 4), 4) == 2020);
  CHECK(financial_year_of(month_of(2020, 3), 1) == 2020);
  CHECK(financial_year_label(2019, 4) == "2019/20");
  CHECK(financial_year_label(2099, 4) == "2099/00");
  CHECK(financial_year_label(2019, 1) == "2019");
  CHECK(parse_financial_year_label("2020/21", 4) == 2020);
  CHECK(parse_financial_year_label("2020/22", 4) == std::nullopt);
  CHECK(parse_financial_year_label("2020", 4) == std::nullopt);
  CHECK(parse_financial_year_label("2020", 1) == 2020);
  CHECK(parse_financial_year_label("2099/00", 7) == 2099);
}

TEST_CASE("the horizon cut into periods") {
  Horizon h{month_of(2019, 7), month_of(2028, 6)};
  REQUIRE(h.months() == 108);

  auto fy = periods_of(h, Basis::financial_year, 4);
  REQUIRE(fy.size() == 10);
  CHECK(fy[0].label == "2019/20");
  CHECK(fy[0].months() == 9);
  CHECK(fy[1].label == "2020/21");
  CHECK(fy[1].months() == 12);
  CHECK(fy[9].label == "2028/29");
  CHECK(fy[9].months() == 3);

  auto cy = periods_of(h, Basis::contract_year, 4);
  REQUIRE(cy.size() == 9);
  CHECK(cy[0].label == "Y1");
  CHECK(cy[8].label == "Y9");
  CHECK(cy[8].months() == 12);

  auto cal = periods_of(h, Basis::calendar_year, 4);
  REQUIRE(cal.size() == 10);
  CHECK(cal[0].label == "2019");
  CHECK(cal[0].months() == 6);
  CHECK(cal[9].months() == 6);

  auto months = periods_of(h, Basis::month, 4);
  REQUIRE(months.size() == 108);
  CHECK(months[0].label == "2019-07");
  CHECK(months[107].label == "2028-06");

  // A financial year starting in January is the calendar year, labelled "2019".
  auto jan = periods_of(h, Basis::financial_year, 1);
  REQUIRE(jan.size() == 10);
  CHECK(jan[0].label == "2019");
  CHECK(jan[0].months() == 6);
}

TEST_CASE("basis names") {
  CHECK(parse_basis("fy") == Basis::financial_year);
  CHECK(parse_basis("contract-year") == Basis::contract_year);
  CHECK(parse_basis("calendar") == Basis::calendar_year);
  CHECK(parse_basis("month") == Basis::month);
  CHECK(parse_basis("year") == std::nullopt);
}
