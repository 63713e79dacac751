"""A later fee stated in a reply's own words is counted wherever the weekly fee is (rule
later-fee-counted), and one that cannot be read is flagged (rule later-fee-flagged).
Expected figures are worked by hand."""

from decimal import Decimal

from broker.forms.fee_steps import fee_steps
from workflows.option_costs import option_costs
from workflows.signoff import approval_covers
from workflows.year_cost import year_of

KESTREL = "Solo placement to start. Introductory rate: from week 9 our fee rises to £6,900 a week."


def test_each_way_of_stating_a_later_fee_is_a_step():
    for words in ("From week 9 our fee rises to £6,900 a week.",
                  "from week 9 the fee increases to £6,900",
                  "From week 9 our fee goes up to £6,900.",
                  "£6,900 a week after the first 8 weeks",
                  "Our fee is £4,300 for the first 8 weeks, then £6,900."):
        assert fee_steps(Decimal(4300), words).steps == ((9, Decimal(6900)),), words


def test_a_later_fee_without_its_week_is_flagged_not_counted():
    read = fee_steps(Decimal(4300), "Introductory rate, then £6,900.")
    assert read.steps == ()
    assert read.unread == ("Introductory rate, then £6,900.",)
    assert fee_steps(Decimal(4600), "2:1 staffing for the first 8 weeks at £1,400 per week"
                     ).unread == ()


def test_first_year_counts_the_later_fee_and_the_one_off():
    # 8 × £4,300 + 44 × £6,900 + £1,500 = 34,400 + 303,600 + 1,500 = £339,500
    year = year_of(Decimal(4300), "one-off setup fee £1,500", KESTREL)
    assert year.first_year == Decimal(339500)
    assert year.weekly == Decimal(6900)


def test_a_rise_written_among_the_additional_costs_is_the_fee_not_an_unpriced_extra():
    year = year_of(Decimal(4300), "one-off setup fee £1,500; from week 9 our fee rises to "
                   "£6,900")
    assert year.first_year == Decimal(339500)


def test_approval_covers_the_steps_it_shows():
    line = approval_covers(Decimal(4300), Decimal(0), "one-off setup fee £1,500", KESTREL)
    assert "up to £4,300 a week for weeks 1–8, then £6,900 from week 9" in line
    assert "£339,500 in the first year" in line


def test_comparison_shows_the_step_against_the_budget():
    costs = option_costs("4300", "one-off setup fee £1,500", "5200", KESTREL)
    assert costs.first_year.startswith("£339,500")
    # £5,200 − £4,300 = £900 under; £6,900 − £5,200 = £1,700 over from week 9
    assert costs.budget == ("£900 a week under the £5,200 budget, then ⚠️ £1,700 a week over "
                            "from week 9")
    assert costs.over


def test_comparison_flags_a_later_fee_it_cannot_read():
    costs = option_costs("4300", "", "5200", "Introductory rate, then £6,900.")
    assert "⚠️ a later fee is stated in the reply and not counted" in costs.weekly
    assert "not counting the later fee" in costs.first_year
