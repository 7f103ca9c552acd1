// Name and place lists for the generated district: common, culturally mixed, obviously fictional together.
export const firstNames = ['Aaliyah', 'Aaron', 'Abigail', 'Adam', 'Adrian', 'Aiden', 'Alejandro', 'Alexa', 'Amara', 'Amelia', 'Andre', 'Anika',
  'Ava', 'Benjamin', 'Bianca', 'Brandon', 'Caleb', 'Camila', 'Carlos', 'Charlotte', 'Chloe', 'Daniel', 'Devon', 'Diego', 'Elena', 'Eli',
  'Elijah', 'Emily', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Gabriel', 'Grace', 'Hana', 'Harper', 'Henry', 'Hugo', 'Imani', 'Isaac', 'Isabella',
  'Jack', 'Jada', 'James', 'Javier', 'Jaylen', 'Jin', 'Jonah', 'Julia', 'Kai', 'Kayla', 'Khalil', 'Layla', 'Leah', 'Leo', 'Liam', 'Lucas',
  'Lucia', 'Luna', 'Malik', 'Maria', 'Mason', 'Maya', 'Mei', 'Mia', 'Miguel', 'Mila', 'Noah', 'Nora', 'Olivia', 'Omar', 'Owen', 'Priya',
  'Quinn', 'Rafael', 'Riley', 'Rosa', 'Ryan', 'Samir', 'Samuel', 'Sara', 'Sofia', 'Sophia', 'Tariq', 'Theo', 'Valentina', 'Victor', 'Wei',
  'William', 'Xavier', 'Yara', 'Yusuf', 'Zara', 'Zoe'];
export const middleNames = ['', '', 'Ann', 'James', 'Lee', 'Marie', 'Rose', 'Jose', 'Lynn', 'Grace', 'Alan', 'Kai', 'Jean', 'Ray'];
export const lastNames = ['Abbott', 'Adams', 'Ahmed', 'Alvarez', 'Anderson', 'Baker', 'Banks', 'Bennett', 'Brooks', 'Brown', 'Campbell',
  'Carter', 'Castillo', 'Chen', 'Clark', 'Collins', 'Cruz', 'Davis', 'Diaz', 'Edwards', 'Evans', 'Fischer', 'Flores', 'Foster', 'Garcia',
  'Gomez', 'Gonzalez', 'Gray', 'Green', 'Gupta', 'Hall', 'Harris', 'Hernandez', 'Hill', 'Hughes', 'Ito', 'Jackson', 'James', 'Jansen',
  'Jaramillo', 'Jenkins', 'Johnson', 'Jones', 'Kaur', 'Kelly', 'Khan', 'Kim', 'King', 'Kowalski', 'Lee', 'Lewis', 'Lopez', 'Martin',
  'Martinez', 'Miller', 'Mitchell', 'Moore', 'Morales', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Ortiz', 'Park', 'Patel',
  'Perez', 'Peterson', 'Phillips', 'Ramirez', 'Reed', 'Reyes', 'Rivera', 'Roberts', 'Robinson', 'Rodriguez', 'Rossi', 'Sanchez', 'Santos',
  'Schmidt', 'Scott', 'Shah', 'Silva', 'Singh', 'Smith', 'Stewart', 'Sullivan', 'Tanaka', 'Taylor', 'Thomas', 'Thompson', 'Torres',
  'Turner', 'Walker', 'Wang', 'Ward', 'White', 'Williams', 'Wilson', 'Wright', 'Young', 'Zhang'];
export const streets = ['Maple Ave', 'Oak St', 'Cedar Ln', 'Pine Rd', 'Elm St', 'Birch Way', 'Lakeview Dr', 'Hillcrest Rd', 'Main St',
  'Washington Blvd', 'Park Pl', 'River Rd', 'Sunset Dr', 'Meadow Ln', 'Willow Ct', 'Highland Ave'];
export const cities = ['Springfield', 'Riverton', 'Fairview', 'Greenville', 'Lakeside', 'Brookfield'];
export const schoolNames = ['Lincoln Elementary', 'Washington Elementary', 'Jefferson Middle School', 'Roosevelt High School',
  'Kennedy Academy', 'Franklin Elementary', 'Madison Middle School', 'Adams High School', 'Hamilton Elementary', 'Monroe Middle School',
  'Jackson High School', 'Grant Elementary'];
export const courseTitles = ['English', 'Algebra', 'Geometry', 'Biology', 'Chemistry', 'Physics', 'World History', 'US History', 'Spanish',
  'French', 'Art', 'Music', 'Physical Education', 'Computer Science', 'Reading', 'Mathematics', 'Science', 'Social Studies'];
