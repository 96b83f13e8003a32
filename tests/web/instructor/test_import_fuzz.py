"""The import page against random YAML shapes (issue 29): whatever the upload, the page answers
with the bank saved (303) or every error listed (422) - never a 500."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.bank.test_loader_fuzz import AREA_FILE, VALUES
from tests.web.instructor.test_bank_transfer import upload

FUZZ = settings(max_examples=15, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(AREA_FILE)
def test_any_shape_of_area_file_is_saved_or_refused_with_its_errors(signed_in, data):
    response = upload(signed_in, ("technical.yaml", yaml.safe_dump(data, allow_unicode=True).encode()))
    assert response.status_code in (303, 422), response.get_data(as_text=True)[:2000]
    if response.status_code == 422:
        assert "Nothing was imported" in response.get_data(as_text=True)


@FUZZ
@given(VALUES, st.sampled_from(["catalog.yaml", "topics.yaml", "business.yaml"]))
def test_any_value_as_a_whole_file_is_refused_with_its_errors(signed_in, data, name):
    response = upload(signed_in, (name, yaml.safe_dump(data, allow_unicode=True).encode()))
    assert response.status_code in (303, 422), response.get_data(as_text=True)[:2000]


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_as_a_file_are_refused_with_their_errors(signed_in, content):
    response = upload(signed_in, ("technical.yaml", b"area: technical\nquestions:\n" + content))
    assert response.status_code in (303, 422), response.get_data(as_text=True)[:2000]
