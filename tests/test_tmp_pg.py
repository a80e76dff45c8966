from sqlalchemy import create_engine, text
def test_x(db_url):
    with create_engine(db_url).connect() as c:
        print(db_url, c.execute(text("select 1")).scalar())
