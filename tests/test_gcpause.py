"""config.lib.gcpause: the cyclic collector is paused inside the block and
resumed after it, also after an exception; a nested block leaves the resume
to the outermost."""

import gc

import pytest

from config.lib import gcpause


def test_paused_inside_and_resumed_after():
    with gcpause.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_nested_block_leaves_the_resume_to_the_outermost():
    with gcpause.paused():
        with gcpause.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_resumed_after_an_exception():
    with pytest.raises(ValueError), gcpause.paused():
        raise ValueError
    assert gc.isenabled()
