"""Every file of the Moodle corpus through the importer: each imports with the counts below or
is refused with the line given, never with a traceback.

The counts come from reading each file (and MANIFEST.tsv's notes), question by question, with
the rules of `quiz.domain.bank.moodle`: single-answer multiple choice and true/false become
single_choice, multiple-answer multiple choice a checklist, ordering a ranking; everything else
is skipped with its reason. Notes say why a count is not the obvious one.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import pytest

from quiz.domain.bank.moodle import ImportRefused, parse_gift, parse_moodle_xml, plan_import

from .corpus import CORPUS, manifest, path

pytestmark = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(),
                                reason=f"the Moodle corpus is not at {CORPUS} (set MOODLE_CORPUS)")


class Imports(NamedTuple):
    single_choice: int = 0
    checklist: int = 0
    ranking: int = 0
    skipped: int = 0


class Refused(NamedTuple):
    line: int | None
    words: str  # what the message must say


EXPECTED = {
    # --- GIFT ---
    # 3 multiple choice + 4 true/false; 2 matching, 2 numerical, 4 descriptions ([Est] blanks, no braces)
    "JulieVanHoudenhove__GL02_MACHINE_A24__examens_examen.gift": Imports(7, skipped=8),
    # Cloze syntax {1:MC:...} inside GIFT (3) and one matching: nothing to import
    "JulieVanHoudenhove__GL02_MACHINE_A24__questions_U4-p47-Review.gift": Imports(skipped=4),
    # 16 multiple choice ({~is=are} too); 14 short answers ({=bit=piece=slice}); 4 headings (descriptions)
    "JulieVanHoudenhove__GL02_MACHINE_A24__questions_U5-p57-Review.gift": Imports(16, skipped=18),
    # README + GPL text (7 descriptions), then 20 single + 2 true/false, 14 multi-answer; one essay,
    # one short answer, and two questions whose /* */ "comment" leaves a second answer block
    "Palumdo__moodle-mod_guestquiz__README.md": Imports(22, 14, skipped=11),
    # TF + single; two multi-answer; QLIII03a's answers are only images (skipped), 1 short, 3 numerical
    "Palumdo__moodle-mod_guestquiz__sample_level3.sgift": Imports(2, 2, skipped=5),
    "PascalCrepey__RGIFTParser__inst_extdata_test.gift": Imports(28, 11),
    "fuhrmanator__GIFT-grammar-PEG.js__tests_questions_escapeAll.gift": Imports(1),
    # 4 multiple choice (2 missing-word) + 1 true/false; 2 short, 2 numerical, 1 matching
    "fuhrmanator__GIFT-grammar-PEG.js__tests_questions_giftFormatPhpExamples.gift": Imports(5, skipped=5),
    "fuhrmanator__GIFT-grammar-PEG.js__tests_questions_mcHTMLComment.gift": Imports(1),
    "fuhrmanator__GIFT-grammar-PEG.js__tests_questions_multiLineFeedback1.gift": Imports(2),
    "fuhrmanator__GIFT-grammar-PEG.js__tests_questions_numerical1.gift": Imports(skipped=10),
    "gustavokroton__ruby-moodle-gift-parser__spec_example_example-gift-multiple-choice.gift": Imports(3),
    # not GIFT: "-" / "+-" answer lines, no braces anywhere
    "jfsanchez__preguntasSBD__PreguntasDiegoGL-SBD.gift": Refused(None, "no GIFT question was found"),
    "jfsanchez__preguntasSBD__preguntas.gift": Imports(4),
    "mtommasi__pygiftparser__docs_markdow.gift": Imports(skipped=3),  # 3 essays ({} or {####...})
    "mtommasi__pygiftparser__docs_specials.gift": Imports(skipped=3),  # 3 short answers ({anything} too)
    # Q2 single, colours multi, 3 true/false; essay, matching, numerical, short answer
    "paulkennethsq1__hrsq1__question_format_gift_tests_fixtures_questions.gift.txt": Imports(4, 1, skipped=4),
    # Windows-1252 (read as such, with a note): 2 essays and a matching
    "paulkennethsq1__hrsq1__question_format_gift_tests_fixtures_questions_encoding_windows-1252.gift.txt":
        Imports(skipped=3),
    # Greeting (single) + Moodle acronym (TRUE); matching; {=%100%Moodler#} is a short answer
    "paulkennethsq1__hrsq1__question_format_gift_tests_fixtures_questions_in_category.gift.txt":
        Imports(2, skipped=2),
    "paulkennethsq1__hrsq1__question_type_ordering_tests_fixtures_testimport.gift.txt": Imports(ranking=1),
    # 4 single + 4 true/false ({t#bien} read as true), 1 multi; 2 short, matching, 5 numerical, essay,
    # description
    "rgmf__pygiftparser__example_files_test12.txt": Imports(8, 1, skipped=10),
    "rgmf__pygiftparser__example_files_test5.txt": Imports(23, skipped=17),  # 19 + 4 TF; 17 short
    # 11 multiple choice, of which 4 cannot be imported (answers "<a>", "<owner>": HTML to Moodle too;
    # "=~%50%" makes empty answers), + 2 TF; Q07's {% csrf_token %} leaves a second block; 3 short,
    # 4 numerical, 3 matching, 1 essay
    "tsugiproject__tsugi__tool_gift_tests_data_valid_chatgpt-torture.txt": Imports(9, skipped=16),
    # --- Moodle XML ---
    "AdrianoRuseler__python-scripts-for-moodle-questions__QuestionBank_multichoice_multichoices.xml":
        Imports(2, 3),  # <single>False</single> is a multi-answer question
    "FranckSilvestre__ExemplesMoodleXML__MultipleChoiceQuestion.xml": Refused(2, "not well-formed XML"),
    # single (-100/100), multi, true/false; calculated, description, essay, matching, cloze,
    # numerical, 2 short answers
    "JackDanny__projetDCLL_MoodleXML_Json__projet_src_main_resources_exemple.xml": Imports(2, 1, skipped=8),
    "VMM-MMV__scrape-to-moodle__moodle.xml": Imports(4),
    "klauskirnbauerHTL__Moodle-tool__moodle_quiz.xml": Imports(skipped=1),
    "marcusgreen__moodle-qtype_gapfill__examples_el_gapfill_examples.xml": Imports(skipped=3),
    "marcusgreen__moodle-qtype_gapfill__examples_ja_gapfill_examples.xml": Imports(skipped=3),
    "maths__moodle-qtype_stack__samplequestions_stackdemo_10_integration_with_feedback.xml": Imports(skipped=1),
    "maths__moodle-qtype_stack__samplequestions_stacklibrary_HELM_Course_quiz_2_4-characterising-functions_"
    "top_Default-for-2-4_2-4-2-3-Linear-continuity.xml": Imports(skipped=1),
    "paulkennethsq1__hrsq1__question_format_multianswer_tests_fixtures_multianswer-all-types.xml":
        Imports(skipped=1),
    # broken Cloze questions: Moodle errors on each; here Cloze is never read, so they are skipped
    "paulkennethsq1__hrsq1__question_format_xml_tests_fixtures_broken_cloze_questions.xml": Imports(skipped=5),
    "paulkennethsq1__hrsq1__question_format_xml_tests_fixtures_error_invalid_grades.xml":
        Refused(38, "the grade 33 is not one Moodle allows"),
    "paulkennethsq1__hrsq1__question_format_xml_tests_fixtures_html_chars_in_idnumbers.xml": Imports(1),
    "paulkennethsq1__hrsq1__question_format_xml_tests_fixtures_multichoice.xml": Imports(1),
    "paulkennethsq1__hrsq1__question_format_xml_tests_fixtures_nested_categories_with_questions.xml":
        Imports(4, skipped=1),
    "paulkennethsq1__hrsq1__question_type_essay_tests_fixtures_testquestion.moodle.xml": Imports(skipped=1),
    "paulkennethsq1__hrsq1__question_type_gapselect_tests_fixtures_testquestion.moodle.xml": Imports(skipped=1),
    "paulkennethsq1__hrsq1__question_type_match_tests_fixtures_testquestion.moodle.xml": Imports(skipped=1),
    "paulkennethsq1__hrsq1__question_type_numerical_tests_fixtures_testquestion.moodle.xml": Imports(skipped=1),
    "paulkennethsq1__hrsq1__question_type_ordering_tests_fixtures_testimport.moodle.xml": Imports(ranking=1),
    # 6 multiple choice (3 without <single>: one answer) + 3 TF; 3 short, 3 matching, numerical,
    # 3 essays, the old "order" type, cloze, description, a question without a type
    "sonsoleslp__moodlexml-to-json__test_test.xml": Imports(9, skipped=14),
    "zernovga__NetTest-to-Moodle-converter__11.xml": Refused(2, "not a Moodle XML quiz"),
    "zernovga__NetTest-to-Moodle-converter__moodle.xml": Imports(skipped=30),
}

READERS = {"gift": parse_gift, "moodlexml": parse_moodle_xml}


def test_every_corpus_file_has_an_expectation():
    assert set(manifest()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name):
    form = manifest()[name]
    expected = EXPECTED[name]
    data = path(name, form).read_bytes()
    if isinstance(expected, Refused):
        with pytest.raises(ImportRefused) as refused:
            READERS[form](data, name)
        problem = refused.value.problems[0]
        assert (problem.file, problem.line) == (name, expected.line)
        assert expected.words in problem.message
        return
    plan = plan_import(READERS[form](data, name))
    kinds = Counter(c.data["type"] for c in plan.candidates)
    assert Imports(kinds["single_choice"], kinds["checklist"], kinds["ranking"], len(plan.skipped)) == expected
    assert set(kinds) <= {"single_choice", "checklist", "ranking"}
    for skipped in plan.skipped:  # each named, placed and explained
        assert skipped.name and skipped.reason and skipped.line >= 1
