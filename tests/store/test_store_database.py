import pytest

from service.store.database import create_store_engine, store_url


def test_database_plain_path_is_a_sqlite_file(tmp_path):
    url = store_url(tmp_path / "nested" / "store.db")
    assert url.get_backend_name() == "sqlite"
    assert url.database == str(tmp_path / "nested" / "store.db")
    assert (tmp_path / "nested").is_dir()


@pytest.mark.parametrize("given", ["postgresql://u:p@127.0.0.1:5432/db", "postgres://u:p@127.0.0.1:5432/db"])
def test_database_postgres_urls_use_psycopg3(given):
    assert store_url(given).drivername == "postgresql+psycopg"


def test_database_explicit_driver_is_kept():
    assert store_url("postgresql+psycopg://u:p@h/db").drivername == "postgresql+psycopg"
    assert store_url("sqlite:////tmp/x.db").database == "/tmp/x.db"


def test_database_in_memory_sqlite_is_refused():
    with pytest.raises(ValueError):
        create_store_engine("sqlite://")
