"""Quotes and sources on hand-made sentences: each pattern, unbalanced marks, pronoun speakers, anonymous sources."""
from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import sourcing

from .conftest import make_corpus


@pytest.fixture(scope="module")
def quoted(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    corpus = make_corpus(tmp_path_factory.mktemp("quotes"), {"q.txt": (
        '"We urge them to stop the talks now," John Kirby said on Monday.\n\n'
        "Adrienne Watson added: “The visit is expected to take place in the coming weeks.”\n\n"
        "“The plan is dangerous and reckless,” he warned reporters at the White House.\n\n"
        "Kirby told CBS that the two leaders had exchanged letters about the deal.\n\n"
        "According to a US official, the meeting could happen in Vladivostok this month.\n\n"
        "Some experts believe that the visit may never happen at all.\n\n"
        "“The talks will go ahead as planned and nothing will stop them, Dmitry Peskov said.")})
    return helpers.quotes(corpus)


def test_direct_quote_followed_by_said(quoted: pd.DataFrame) -> None:
    row = quoted[quoted["quote"].str.startswith("We urge")].iloc[0]
    assert (row["kind"], row["entity"], row["cue"], row["source_type"]) == ("direct", "John Kirby", "say",
                                                                            "named person")
    assert row["words"] == 8


def test_colon_introduction(quoted: pd.DataFrame) -> None:
    row = quoted[quoted["quote"].str.startswith("The visit")].iloc[0]
    assert (row["kind"], row["entity"], row["cue"]) == ("direct", "Adrienne Watson", "add")


def test_pronoun_speaker_resolves_to_the_last_named_speaker(quoted: pd.DataFrame) -> None:
    row = quoted[quoted["quote"].str.startswith("The plan")].iloc[0]
    assert (row["speaker"], row["entity"], row["cue"], row["stance"]) == ("he", "Adrienne Watson", "warn", "alarm")


def test_indirect_told_and_according_to(quoted: pd.DataFrame) -> None:
    told = quoted[quoted["cue"] == "tell"].iloc[0]
    assert (told["kind"], told["entity"]) == ("indirect", "John Kirby")
    assert told["quote"].startswith("that the two leaders")
    according = quoted[quoted["cue"] == "according to"].iloc[0]
    assert (according["speaker"], according["source_type"]) == ("a US official", "anonymous")


def test_anonymous_experts_and_tentative_verb(quoted: pd.DataFrame) -> None:
    row = quoted[quoted["cue"] == "believe"].iloc[0]
    assert (row["speaker"], row["source_type"], row["stance"]) == ("Some experts", "anonymous", "tentative")


def test_unbalanced_quote_mark_does_not_crash_and_is_attributed(quoted: pd.DataFrame) -> None:
    row = quoted[quoted["quote"].str.startswith("The talks will")].iloc[0]
    assert row["kind"] == "direct"
    assert row["speaker"] == "Dmitry Peskov"


@pytest.fixture(scope="module")
def harder(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    corpus = make_corpus(tmp_path_factory.mktemp("harder"), {"h.txt": (
        "Sergei Shoigu visited the country in July.\n\n"
        "“We discuss this with everyone, including our neighbours,” said Shoigu, who met the leader.\n\n"
        "“We are already conducting exercises with our colleagues,” he said.\n\n"
        "Both Pyongyang and Moscow have denied that any weapons were sold.\n\n"
        "The National Intelligence Service revealed on Monday that it believes the proposal was made in July.\n\n"
        "“These talks are going very well indeed,” said Adrienne Watson, urging Moscow to “stop the deals "
        "with the North at once.”\n\n"
        "Kirby responded, “We will not accept any of this at all,” adding that talks would continue.\n\n"
        "The meeting follows a statement from the ministry, revealing that talks were progressing.\n\n"
        "On Monday Shoigu, the Russian defence minister, confirmed Moscow was considering joint naval exercises.\n\n"
        "Both governments have denied allegations that weapons were sold.\n\n"
        "It is anticipated that the leader will travel by train.\n\n"
        "John Everard, a former ambassador, spoke to the BBC. Everard also anticipated that the price would be high.")})
    return helpers.quotes(corpus)


def test_subject_left_of_a_verb_the_parser_left_without_one(harder: pd.DataFrame) -> None:
    row = harder[harder["cue"] == "confirm"].iloc[0]
    assert (row["speaker"], row["entity"]) == ("Shoigu", "Sergei Shoigu")  # not "Monday", not "minister"
    assert row["quote"].startswith("Moscow was considering")


def test_object_speech_impersonal_it_and_surnames(harder: pd.DataFrame) -> None:
    assert "denied allegations" in harder.loc[harder["cue"] == "deny", "quote"].iloc[-1]
    anticipated = harder[harder["cue"] == "anticipate"]
    assert list(anticipated["speaker"]) == ["Everard"]  # "It is anticipated that" has no speaker
    assert anticipated["entity"].iloc[0] == "John Everard"  # surname back to the full name


def test_inverted_said_with_relative_clause_and_pronoun_after_it(harder: pd.DataFrame) -> None:
    # the parser hangs "Shoigu" on "met" (who met ...), not on "said": the inverted order is read from the marks
    first = harder[harder["quote"].str.startswith("We discuss")].iloc[0]
    assert (first["entity"], first["cue"]) == ("Sergei Shoigu", "say")
    second = harder[harder["quote"].str.startswith("We are already")].iloc[0]
    assert (second["speaker"], second["entity"]) == ("he", "Sergei Shoigu")  # nearest earlier named speaker


def test_coordinated_and_it_speakers(harder: pd.DataFrame) -> None:
    denied = harder[harder["cue"] == "deny"].iloc[0]
    assert (denied["speaker"], denied["entity"], denied["source_type"]) == (
        "Both Pyongyang and Moscow", "Pyongyang and Moscow", "institution")
    believes = harder[harder["cue"] == "believe"].iloc[0]
    assert (believes["speaker"], believes["entity"]) == ("it", "National Intelligence Service")


def test_participle_verbs_take_the_speaker_they_hang_on(harder: pd.DataFrame) -> None:
    urged = harder[harder["cue"] == "urge"].iloc[0]
    assert (urged["kind"], urged["entity"], urged["quote"]) == ("direct", "Adrienne Watson",
                                                                "stop the deals with the North at once.")
    responded = harder[harder["quote"].str.startswith("We will not")].iloc[0]
    assert responded["cue"] == "respond"  # the verb governing the quote, not the nearer "adding"
    added = harder[harder["cue"] == "add"].iloc[0]
    assert (added["kind"], added["speaker"]) == ("indirect", "Kirby")
    # "revealing" hangs on "follows", not on a reporting verb: no speaker is invented for it
    assert not harder["quote"].str.contains("progressing").any()


def test_scare_quotes_are_not_speech(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"s.txt": "Critics called the plan “reckless” and the parade “Victory Day”."})
    assert helpers.quotes(corpus).empty
    assert list(helpers.quotes(corpus).columns) == sourcing.QUOTE_COLUMNS


def test_source_type_rules() -> None:
    assert sourcing.source_type_of("John Kirby", "PERSON") == "named person"
    assert sourcing.source_type_of("the Kremlin", "ORG") == "institution"
    assert sourcing.source_type_of("people familiar with the matter", None) == "anonymous"
    assert sourcing.source_type_of("a defence ministry spokesman", None) == "institution"
    assert sourcing.source_type_of("the weather", None) == "other"


def test_seed_speakers(corpus: pd.DataFrame) -> None:
    quoted = helpers.quotes(corpus)
    speakers = sourcing.speakers_by_article(quoted)
    assert "John Kirby" in speakers["000_fa42c83ed67bb1c0"]
    assert "Adrienne Watson" in speakers["002_7735100083f7a49f"]
    assert "Adrienne Watson" in speakers["003_ddabe0bb499dbc38"]
    assert "Sergei Shoigu" in speakers["002_7735100083f7a49f"]  # inverted "said Shoigu, who ..."
    assert "National Intelligence Service" in speakers["003_ddabe0bb499dbc38"]
    assert not quoted[(quoted["doc_id"] == "002_7735100083f7a49f") & quoted["quote"].str.startswith("We are already")][
        "entity"].eq("John Kirby").any()  # "he said" after Shoigu's quote is Shoigu
    table = helpers.sources(corpus, quoted)
    assert (table["quotes"] >= 1).all()
    assert "anonymous" in set(table["source_type"])
    # "Interfax reported that ... Shoigu responded, “Why not ...,” adding that ...": two statements, one sentence
    shoigu = table[(table["doc_id"] == "003_ddabe0bb499dbc38") & (table["source"] == "Sergei Shoigu")].iloc[0]
    assert shoigu["quotes"] > shoigu["sentences"] >= 1
    assert (table["sentences"] <= table["quotes"]).all()


def test_seed_speakers_against_hand_labels(corpus: pd.DataFrame) -> None:
    """In-sample check against hand labels (tests/fixtures/sourcing/seed_speakers.csv): 57 of 57 extracted
    attributions are right and 57 of the 58 labelled ones are found (a participle "revealing" that hangs on a
    non-speech verb is missed)."""
    from collections import Counter
    from pathlib import Path

    gold = pd.read_csv(Path(__file__).parent / "fixtures" / "sourcing" / "seed_speakers.csv", comment="#")
    quoted = helpers.quotes(corpus)
    found = Counter(zip(quoted["doc_id"], quoted["sentence"], quoted["entity"].fillna(quoted["speaker"])))
    wanted = Counter(zip(gold["doc_id"], gold["sentence"], gold["speaker"]))
    hits = sum((found & wanted).values())
    precision, recall = hits / sum(found.values()), hits / sum(wanted.values())
    assert (hits, sum(found.values()), sum(wanted.values())) == (57, 57, 58), (found - wanted, wanted - found)


def test_speaker_named_between_commas_after_a_role(tmp_path) -> None:  # noqa: ANN001
    # the parser makes "Edward Wong" the subject of "visited" and "an advance team" his apposition; the commas
    # still say the writer is Edward Wong
    corpus = make_corpus(tmp_path, {"w.txt": (
        "Edward Wong reported on the talks.\n\n"
        "According to the newspaper’s diplomatic writer, Edward Wong, an advance team of North Korean officials "
        "visited Vladivostok and Moscow late last month.\n\n"
        "According to the report, officials met in Moscow.")})
    quoted = helpers.quotes(corpus)
    writer = quoted[quoted["speaker"] == "the newspaper’s diplomatic writer"].iloc[0]
    assert (writer["entity"], writer["source_type"]) == ("Edward Wong", "named person")
    report = quoted[quoted["speaker"] == "the report"].iloc[0]  # no name between commas: not a person
    assert pd.isna(report["entity"]) and report["source_type"] != "named person"


def test_a_verb_parsed_with_two_subjects_takes_the_nearer_one_and_no_dangling_and(tmp_path) -> None:  # noqa: ANN001
    """The small model gives "telling" two subjects here, the truck and the town; the town, next to the verb, is the
    speaker. A subject's "and" or "but" shows only when a second name follows it."""
    corpus = make_corpus(tmp_path, {"t.txt": (
        "A tanker truck flipped on Route 9 early Friday and dumped around 12,000 litres of industrial solvent into the "
        "Millbrook River, and now the town of Ashford is telling roughly 40,000 residents not to drink their tap water "
        "until further notice.\n\n"
        "Speaker John A. Boehner all but accused Mr. Obama of leaving the Constitution in tatters.")})
    found = sourcing.quotes(corpus)
    assert found["speaker"].tolist() == ["the town", "Speaker John A. Boehner"]
    assert found["entity"].tolist()[1] == "John A. Boehner"


def test_a_speaker_phrase_is_never_cut_inside_the_name(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"d.txt": (
        "The state Department of Environmental Quality said the chemical was toluene, a solvent used in paints and "
        "adhesives.")})
    found = sourcing.quotes(corpus)
    assert found["speaker"].tolist() == ["The state Department of Environmental Quality"]  # was "The state Department"
    assert found["entity"].iloc[0].endswith("Department of Environmental Quality")


def test_a_name_set_after_a_title_is_the_speaker_but_not_a_name_after_its_preposition(tmp_path) -> None:  # noqa: ANN001
    """The small model hangs "Alexander Matsegora" under "to" in the first sentence; the name still ends the subject
    phrase, so he is the speaker. In the second, Kim follows "for" and is not the speaker."""
    corpus = make_corpus(tmp_path, {"m.txt": (
        "Russian ambassador to North Korea Alexander Matsegora also remarked on Saturday that joint drills between "
        "North Korea and Russia would be appropriate.\n\n"
        "A spokesman for Kim Jong Un said that the visit was planned.")})
    found = sourcing.quotes(corpus)
    assert found["speaker"].tolist() == ["Russian ambassador to North Korea Alexander Matsegora", "A spokesman"]
    assert found["entity"].iloc[0] == "Alexander Matsegora" and pd.isna(found["entity"].iloc[1])
    assert found["cue"].tolist() == ["remark", "say"]


def test_a_statement_the_parser_split_into_two_complements_is_quoted_whole(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"s.txt": (
        "US intelligence officials revealed that they discerned a summit was being planned between North Korea and "
        "Russia after becoming aware that officials visited Moscow in late August.")})
    found = sourcing.quotes(corpus)
    assert found["quote"].tolist() == ["that they discerned a summit was being planned between North Korea and Russia "
                                       "after becoming aware that officials visited Moscow in late August"]
